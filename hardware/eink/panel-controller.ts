import type { HardwareClock } from '../hardware-clock.js';
import type { Panel, RefreshKind } from './panel.js';
import type { PanelContent } from './panel-content.js';

export interface RefreshRules {
  /** A full refresh after this many partial ones: partial updates leave ghosts that add up. */
  readonly fullEvery: number;
  /** The next nightly full refresh after `now` (epoch ms), computed in the room's zone by the caller. */
  readonly nextNightly: (now: number) => number;
}

export interface PanelStats {
  readonly full: number;
  readonly partial: number;
  /** Draws that found the picture unchanged, so nothing was sent. */
  readonly unchanged: number;
  readonly bytesSent: number;
  readonly lastError: string | null;
}

/**
 * Decides when an e-paper panel redraws and how: only when what it would show changed, never
 * faster than the panel allows (later changes wait and the newest wins), partial where the panel
 * can, and full every N partials, at night, and whenever the kind of screen changes.
 */
export class PanelController {
  private shownKey: string | null = null;
  private shownKind: PanelContent['kind'] | null = null;
  private wanted: PanelContent | null = null;
  private lastRefreshAt = -Infinity;
  private partialsSinceFull = 0;
  private forceFull = true;
  private drawing: Promise<void> | null = null;
  private cancelWait: (() => void) | null = null;
  private cancelNightly: (() => void) | null = null;
  private stopped = false;
  private stats = { full: 0, partial: 0, unchanged: 0, bytesSent: 0, lastError: null as string | null };

  constructor(
    private readonly panel: Panel,
    private readonly rules: RefreshRules,
    private readonly clock: HardwareClock,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.armNightly();
  }

  /** Call on every state change; cheap when nothing visible changed. */
  show(content: PanelContent): void {
    if (this.stopped) return;
    this.wanted = content;
    if (!this.forceFull && JSON.stringify(content) === this.shownKey) return;
    this.pump();
  }

  counts(): PanelStats {
    return { ...this.stats };
  }

  /** Resolves when no draw is running or waiting (tests, bench, shutdown). */
  async idle(): Promise<void> {
    while (this.drawing) await this.drawing;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelWait?.();
    this.cancelNightly?.();
    await this.idle();
  }

  private pump(): void {
    if (this.drawing || this.cancelWait || this.stopped) return;
    const content = this.wanted;
    if (!content) return;
    const key = JSON.stringify(content);
    if (key === this.shownKey && !this.forceFull) return;
    const earliest = this.lastRefreshAt + this.panel.minIntervalMs;
    if (this.clock.now() < earliest) {
      this.cancelWait = this.clock.at(earliest, () => {
        this.cancelWait = null;
        this.pump();
      });
      return;
    }
    const kind: RefreshKind =
      this.forceFull || !this.panel.partial || this.shownKind !== content.kind || this.partialsSinceFull >= this.rules.fullEvery ? 'full' : 'partial';
    this.drawing = this.draw(content, key, kind).finally(() => {
      this.drawing = null;
      this.pump();
    });
  }

  private async draw(content: PanelContent, key: string, kind: RefreshKind): Promise<void> {
    try {
      const result = await this.panel.draw(content, kind);
      this.shownKey = key;
      this.shownKind = content.kind;
      this.stats.bytesSent += result.bytesSent;
      this.stats.lastError = null;
      if (result.refresh === 'none') {
        this.stats.unchanged++;
        if (kind === 'full') this.forceFull = false;
        return;
      }
      this.lastRefreshAt = this.clock.now();
      if (result.refresh === 'full') {
        this.stats.full++;
        this.partialsSinceFull = 0;
        this.forceFull = false;
      } else {
        this.stats.partial++;
        this.partialsSinceFull++;
      }
    } catch (err) {
      // The panel keeps its last picture; the next change (or the retry below) tries again, in full.
      this.stats.lastError = err instanceof Error ? err.message : String(err);
      this.forceFull = true;
      this.lastRefreshAt = this.clock.now();
      this.onError(err);
    }
  }

  private armNightly(): void {
    const at = this.rules.nextNightly(this.clock.now());
    this.cancelNightly = this.clock.at(at, () => {
      this.forceFull = true;
      this.armNightly();
      this.pump();
    });
  }
}
