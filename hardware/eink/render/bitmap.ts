import { blankFrame, type Frame } from '../frame.js';

/**
 * Grey levels below this become black. Slightly above the midpoint: antialiased stroke edges
 * that are a bit more ink than paper stay black, which keeps thin strokes of the small black
 * text whole at 1 bit. White text only appears large and bold in the black band, where the
 * slightly thinner strokes this gives it do not matter.
 */
export const THRESHOLD = 144;

/** Luma of each pixel of straight (non-premultiplied) RGBA on white, one byte per pixel. */
export function rgbaToGrey(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const grey = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < grey.length; i++, p += 4) {
    const alpha = rgba[p + 3] ?? 255;
    const luma = ((rgba[p] ?? 255) * 77 + (rgba[p + 1] ?? 255) * 150 + (rgba[p + 2] ?? 255) * 29) >> 8;
    // Transparent pixels show the white paper behind them.
    grey[i] = 255 - (((255 - luma) * alpha) >> 8);
  }
  return grey;
}

/** Hard threshold, for text and line art: crisp edges, no stray dots. */
export function thresholdGrey(grey: Uint8Array, width: number, height: number, threshold: number = THRESHOLD): Frame {
  const frame = blankFrame(width, height);
  const data = frame.data;
  for (let i = 0; i < width * height; i++) {
    if ((grey[i] ?? 255) < threshold) data[i >> 3] = (data[i >> 3] ?? 0xff) & ~(0x80 >> (i & 7));
  }
  return frame;
}

/**
 * Floyd–Steinberg error diffusion, for photographs and other continuous-tone images, where a hard
 * threshold would lose everything between black and white. The door and setup layouts have no
 * images today, so only the tests call it; it is here for when a layout gains a picture.
 * `grey` is one byte per pixel, 0 black to 255 white.
 */
export function ditherFloydSteinberg(grey: Uint8Array | Uint8ClampedArray, width: number, height: number): Frame {
  const frame = blankFrame(width, height);
  const data = frame.data;
  // Two rows of pending error are all the kernel reaches: this row and the next.
  let current = new Float32Array(width + 2);
  let next = new Float32Array(width + 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const value = (grey[i] ?? 255) + (current[x + 1] ?? 0);
      const black = value < 128;
      const error = value - (black ? 0 : 255);
      if (black) data[i >> 3] = (data[i >> 3] ?? 0xff) & ~(0x80 >> (i & 7));
      current[x + 2] = (current[x + 2] ?? 0) + (error * 7) / 16;
      next[x] = (next[x] ?? 0) + (error * 3) / 16;
      next[x + 1] = (next[x + 1] ?? 0) + (error * 5) / 16;
      next[x + 2] = (next[x + 2] ?? 0) + error / 16;
    }
    [current, next] = [next, current];
    next.fill(0);
  }
  return frame;
}
