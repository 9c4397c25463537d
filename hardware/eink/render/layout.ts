import { div, type Element } from './element.js';
import type { QrPlacement } from './qr.js';

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Layout {
  readonly root: Element;
  /** Painted into the frame after rasterising, on whole pixels: see `paintQr`. */
  readonly qr: QrPlacement | null;
}

/**
 * The layouts are designed at 800×480 (Waveshare 7.5" V2) and scaled to the panel. A squarer
 * panel such as the 400×300 4.2" V2 is scaled by its height up to 1.2 times its width ratio:
 * every text is fitted to the width it gets (smaller status word, earlier ellipsis), and on a
 * small panel bigger type is worth more than a few more characters. Sizes are whole pixels: a
 * half pixel of line or border would threshold unpredictably at 1 bit.
 */
export function scaler(size: Size): (designPx: number) => number {
  const scale = Math.min(size.height / 480, (size.width / 800) * 1.2);
  return (designPx) => Math.max(1, Math.round(designPx * scale));
}

/** The white page every layout draws on; children are placed absolutely. */
export function page(size: Size, children: readonly Element[]): Element {
  return div({ position: 'relative', width: size.width, height: size.height, backgroundColor: 'white', overflow: 'hidden' }, children);
}
