import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { darkModulesPath, qrMatrix, QUIET_ZONE, type QrMatrix } from '../../renderer/src/qr-matrix.js';
import { decodeQr } from '../helpers/qr.js';

/** Paints the path's rectangles black on white, `scale` pixels per module, as the SVG would. */
function rasterise(qr: QrMatrix, scale: number): { rgba: Uint8Array; side: number; dark: boolean[][] } {
  const dark = Array.from({ length: qr.size }, () => Array.from({ length: qr.size }, () => false));
  for (const m of qr.path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    expect(Number(m[4])).toBe(w);
    for (let i = 0; i < w; i++) (dark[y] as boolean[])[x + i] = true;
  }
  const side = qr.size * scale;
  const rgba = new Uint8Array(side * side * 4).fill(255);
  for (let py = 0; py < side; py++)
    for (let px = 0; px < side; px++)
      if (dark[Math.floor(py / scale)]?.[Math.floor(px / scale)]) rgba.fill(0, (py * side + px) * 4, (py * side + px) * 4 + 3);
  return { rgba, side, dark };
}

describe('the QR code', () => {
  it('encodes the verification URL so that a reader gets it back', () => {
    const qr = qrMatrix('https://microsoft.com/devicelogin');
    expect(qr).not.toBeNull();
    const { rgba, side } = rasterise(qr as QrMatrix, 4);
    expect(decodeQr(rgba, side, side)).toBe('https://microsoft.com/devicelogin');
  });

  it('keeps a quiet zone of 4 light modules on every side', () => {
    const qr = qrMatrix('https://login.microsoft.com/device') as QrMatrix;
    const { dark } = rasterise(qr, 1);
    const n = qr.size;
    for (let i = 0; i < n; i++)
      for (let q = 0; q < QUIET_ZONE; q++) {
        expect(dark[q]?.[i]).toBe(false);
        expect(dark[n - 1 - q]?.[i]).toBe(false);
        expect(dark[i]?.[q]).toBe(false);
        expect(dark[i]?.[n - 1 - q]).toBe(false);
      }
    // The finder pattern starts right inside it.
    expect(dark[QUIET_ZONE]?.[QUIET_ZONE]).toBe(true);
    expect(dark[n - 1 - QUIET_ZONE]?.[QUIET_ZONE]).toBe(true);
  });

  it('round-trips any short text, markup included', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (text) => {
        const { rgba, side } = rasterise(qrMatrix(text) as QrMatrix, 3);
        expect(decodeQr(rgba, side, side)).toBe(text);
      }),
      { numRuns: 40 },
    );
  });

  it('gives nothing, rather than throwing, for text too long for any QR version', () => {
    expect(qrMatrix('x'.repeat(5000))).toBeNull();
  });

  it('draws one rectangle per run of dark modules', () => {
    expect(darkModulesPath([[true, true, false, true], [false, false, false, false], [false, true, true, true]], 4)).toBe('M4 4h2v1h-2zM7 4h1v1h-1zM5 6h3v1h-3z');
    expect(darkModulesPath([[false]], 4)).toBe('');
  });
});
