import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import type { Frame } from '../frame.js';
import type { PanelContent } from '../panel-content.js';
import { rgbaToGrey, thresholdGrey } from './bitmap.js';
import { doorLayout } from './door-layout.js';
import { fontAssets } from './fonts.js';
import type { Size } from './layout.js';
import { paintQr } from './qr.js';
import { setupLayout } from './setup-layout.js';

export { ditherFloydSteinberg } from './bitmap.js';

/**
 * Draws what a panel shows as a 1-bit frame, without a browser: the layout as satori elements,
 * satori to SVG (text as outlines from the bundled fonts), resvg to pixels, then a hard threshold
 * (text and rules stay crisp) and the QR code painted on whole pixels. Fonts are loaded once per
 * process; satori keeps its parsed fonts and WebAssembly between calls.
 */
export async function renderPanel(content: PanelContent, size: Size): Promise<Frame> {
  const { width, height } = size;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || width % 8 !== 0) {
    throw new Error(`cannot render a ${width}×${height} frame: width and height must be positive whole numbers, the width a multiple of 8`);
  }
  const { satoriFonts, measure } = await fontAssets();
  const layout = content.kind === 'door' ? doorLayout(content, size, measure) : setupLayout(content, size, measure);
  const svg = await satori(layout.root, { width, height, fonts: satoriFonts });
  // No system fonts: satori already turned every glyph into a path, and scanning the system's
  // fonts would cost more than the whole render.
  const image = new Resvg(svg, { background: 'white', font: { loadSystemFonts: false } }).render();
  const frame = thresholdGrey(rgbaToGrey(image.pixels, width, height), width, height);
  if (layout.qr) paintQr(frame, layout.qr);
  return frame;
}
