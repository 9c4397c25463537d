import { readFileSync } from 'node:fs';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with an `exports.default`: Node hands ESM the exports object, Vitest unwraps it.
type JsQR = (typeof jsQRModule)['default'];
const jsQR: JsQR = typeof jsQRModule === 'function' ? (jsQRModule as JsQR) : jsQRModule.default;

/** What a phone camera would read from an RGBA image: the QR code's text, or null. */
export function decodeQr(rgba: Uint8Array, width: number, height: number): string | null {
  const pixels = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return jsQR(pixels, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/** Decodes the QR code in a PNG screenshot, as a phone would see the whole screen. */
export function decodeQrInPng(path: string): string | null {
  const png = PNG.sync.read(readFileSync(path));
  return decodeQr(png.data, png.width, png.height);
}
