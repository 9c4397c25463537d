import type { Frame, Window } from '../frame.js';

function assertSameSize(before: Frame, after: Frame): void {
  if (before.width !== after.width || before.height !== after.height) {
    throw new Error(`cannot compare a ${before.width}×${before.height} frame with a ${after.width}×${after.height} one`);
  }
}

/**
 * The smallest window holding every pixel that differs, with x and width on whole bytes (8
 * pixels) as the panels' partial refresh requires; null when the frames are identical. Compared
 * byte by byte, which is the 8-pixel rounding for free.
 */
export function changedWindow(before: Frame, after: Frame): Window | null {
  assertSameSize(before, after);
  const stride = before.width / 8;
  let top = -1;
  let bottom = -1;
  let left = stride;
  let right = -1;
  for (let y = 0; y < before.height; y++) {
    const row = y * stride;
    for (let b = 0; b < stride; b++) {
      if (before.data[row + b] === after.data[row + b]) continue;
      if (top < 0) top = y;
      bottom = y;
      if (b < left) left = b;
      if (b > right) right = b;
    }
  }
  if (top < 0) return null;
  return { x: left * 8, y: top, width: (right - left + 1) * 8, height: bottom - top + 1 };
}

/** The packed bytes of `window` only, row by row, as a partial refresh sends them. */
export function windowBytes(frame: Frame, window: Window): Uint8Array {
  const { x, y, width, height } = window;
  if (x % 8 !== 0 || width % 8 !== 0) throw new Error(`window x ${x} and width ${width} must be multiples of 8`);
  if (x < 0 || y < 0 || width < 0 || height < 0 || x + width > frame.width || y + height > frame.height) {
    throw new Error(`window ${width}×${height} at ${x},${y} is outside the ${frame.width}×${frame.height} frame`);
  }
  const stride = frame.width / 8;
  const rowBytes = width / 8;
  const out = new Uint8Array(rowBytes * height);
  for (let r = 0; r < height; r++) {
    const start = (y + r) * stride + x / 8;
    out.set(frame.data.subarray(start, start + rowBytes), r * rowBytes);
  }
  return out;
}
