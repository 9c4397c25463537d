import type { Frame } from './frame.js';
import type { DrawResult, Panel, RefreshKind } from './panel.js';
import type { PanelContent } from './panel-content.js';
import { changedWindow } from './render/frame-diff.js';
import { renderPanel } from './render/render-panel.js';
import type { EpdDriver } from './spi/epd-driver.js';

/**
 * A Waveshare SPI e-paper panel as the door sees it: content in, a rendered 1-bit frame out to
 * the driver, only the changed window on a partial refresh, and deep sleep between draws.
 */
export class SpiEpaperPanel implements Panel {
  readonly description: string;
  readonly width: number;
  readonly height: number;
  readonly partial = true;
  private shown: Frame | null = null;

  constructor(
    private readonly driver: EpdDriver,
    readonly minIntervalMs: number,
    where: string,
  ) {
    this.description = `${driver.description} (${driver.width}×${driver.height}, ${where})`;
    this.width = driver.width;
    this.height = driver.height;
  }

  open(): Promise<void> {
    return this.driver.init();
  }

  async draw(content: PanelContent, refresh: RefreshKind): Promise<DrawResult> {
    const frame = await renderPanel(content, { width: this.width, height: this.height });
    let bytesSent: number;
    let did: RefreshKind = 'full';
    if (refresh === 'partial' && this.shown && this.driver.partialReady) {
      const window = changedWindow(this.shown, frame);
      // Same pixels (a change the 1-bit picture cannot show): the panel is left alone.
      if (!window) return { refresh: 'none', bytesSent: 0 };
      bytesSent = await this.driver.displayPartial(frame, window);
      did = 'partial';
    } else {
      bytesSent = await this.driver.displayFull(frame);
    }
    this.shown = frame;
    await this.driver.sleep();
    return { refresh: did, bytesSent };
  }

  /** The last frame sent, for the simulator's preview and the bench. */
  lastFrame(): Frame | null {
    return this.shown;
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
