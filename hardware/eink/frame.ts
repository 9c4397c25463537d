/**
 * A 1-bit e-paper frame in the layout every Waveshare panel takes: rows top to bottom, 8 pixels
 * per byte, most significant bit first, bit 1 = white. Width is a multiple of 8 on every panel
 * we drive (800, 400), so rows have no padding bits.
 */
export interface Frame {
  readonly width: number;
  readonly height: number;
  /** width / 8 * height bytes. */
  readonly data: Uint8Array;
}

export function blankFrame(width: number, height: number): Frame {
  if (width % 8 !== 0) throw new Error(`frame width ${width} is not a multiple of 8`);
  return { width, height, data: new Uint8Array((width / 8) * height).fill(0xff) };
}

export function isBlack(frame: Frame, x: number, y: number): boolean {
  const byte = frame.data[y * (frame.width / 8) + (x >> 3)] ?? 0xff;
  return (byte & (0x80 >> (x & 7))) === 0;
}

export function setBlack(frame: Frame, x: number, y: number, black: boolean): void {
  const i = y * (frame.width / 8) + (x >> 3);
  const bit = 0x80 >> (x & 7);
  const byte = frame.data[i] ?? 0xff;
  frame.data[i] = black ? byte & ~bit : byte | bit;
}

/** A rectangle in panel pixels; partial refresh windows have x and width on 8-pixel boundaries. */
export interface Window {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
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
