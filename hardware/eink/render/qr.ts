import { encode } from 'uqr';
import { setBlack, type Frame } from '../frame.js';

/** Modules of white around the code that scanners need to find it (the QR specification's minimum). */
export const QUIET_MODULES = 4;
/** Below this a phone camera at arm's length no longer resolves a module on a ~100 dpi panel. */
const MIN_MODULE_PX = 2;

export interface QrPlan {
  /** Dark modules, rows of columns, without the quiet zone. */
  readonly modules: readonly (readonly boolean[])[];
  readonly moduleSize: number;
  /** Width and height including the quiet zone, a whole number of modules. */
  readonly side: number;
}

export interface QrPlacement extends QrPlan {
  /** Top left corner of the quiet zone. */
  readonly x: number;
  readonly y: number;
}

/**
 * The largest code for `text` that fits a square of `maxSide` pixels, on whole-pixel modules;
 * null when the text is too long for a QR code or the modules would be too small to scan.
 */
export function planQr(text: string, maxSide: number): QrPlan | null {
  let modules: boolean[][];
  try {
    // Lowest correction first (smallest code, biggest modules), raised as far as that size allows.
    modules = encode(text, { ecc: 'L', boostEcc: true, border: 0 }).data;
  } catch {
    return null;
  }
  const count = modules.length + 2 * QUIET_MODULES;
  const moduleSize = Math.floor(maxSide / count);
  if (moduleSize < MIN_MODULE_PX) return null;
  return { modules, moduleSize, side: count * moduleSize };
}

/**
 * Draws the code straight into the frame after rasterising: squares on whole pixels with no
 * antialiased edges to threshold. The quiet zone is painted white too, whatever was under it.
 */
export function paintQr(frame: Frame, qr: QrPlacement): void {
  const offset = QUIET_MODULES * qr.moduleSize;
  // Clipped to the frame: a pixel past the right edge would land at the start of the next row.
  const height = Math.min(qr.side, frame.height - qr.y);
  const width = Math.min(qr.side, frame.width - qr.x);
  for (let y = Math.max(0, -qr.y); y < height; y++) {
    const row = qr.modules[Math.floor((y - offset) / qr.moduleSize)];
    for (let x = Math.max(0, -qr.x); x < width; x++) {
      const dark = y >= offset && x >= offset ? (row?.[Math.floor((x - offset) / qr.moduleSize)] ?? false) : false;
      setBlack(frame, qr.x + x, qr.y + y, dark);
    }
  }
}
