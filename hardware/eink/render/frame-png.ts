import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PNG } from 'pngjs';
import { isBlack, type Frame } from '../frame.js';

/** The frame as a black-and-white greyscale PNG, for the simulated panel and for reviewing renders. */
export function framePng(frame: Frame): Buffer {
  const png = new PNG({ width: frame.width, height: frame.height });
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      const p = (y * frame.width + x) * 4;
      const v = isBlack(frame, x, y) ? 0 : 255;
      png.data[p] = v;
      png.data[p + 1] = v;
      png.data[p + 2] = v;
      png.data[p + 3] = 255;
    }
  }
  // Greyscale without alpha: a third the size of RGBA, and every viewer shows it.
  return PNG.sync.write(png, { colorType: 0 });
}

/** Writes the PNG, creating the folder if needed. */
export function writeFramePng(frame: Frame, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, framePng(frame));
}
