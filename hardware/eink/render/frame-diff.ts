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

export { windowBytes } from '../frame.js';
