import type { PanelContent } from './panel-content.js';

export type RefreshKind = 'full' | 'partial';

/** What one `draw` did, for the refresh policy, logs and the bench. */
export interface DrawResult {
  /** 'none' when the panel already shows exactly this picture: nothing was sent. */
  readonly refresh: RefreshKind | 'none';
  /** Bytes that went over SPI or serial for this draw. */
  readonly bytesSent: number;
}

/**
 * An e-paper panel. `draw` may take seconds (a full refresh flashes for 4–5 s); callers never
 * overlap draws. Panels sleep between draws on their own, to save the panel and power.
 */
export interface Panel {
  /** "Waveshare 7.5in V2 (800×480, SPI /dev/spidev0.0)" */
  readonly description: string;
  readonly width: number;
  readonly height: number;
  /** Whether a partial refresh is possible at all (the 4.3" UART module has none). */
  readonly partial: boolean;
  /** Shortest time between two refreshes the panel's datasheet allows, in ms. */
  readonly minIntervalMs: number;
  open(): Promise<void>;
  /** `refresh` is the policy's wish; a panel may do a full refresh where partial is impossible. */
  draw(content: PanelContent, refresh: RefreshKind): Promise<DrawResult>;
  /** Puts the panel into deep sleep and releases its pins and port. The picture stays. */
  close(): Promise<void>;
}
