import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankFrame, isBlack, setBlack, type Frame } from '../../../hardware/eink/frame.js';
import { changedWindow, windowBytes } from '../../../hardware/eink/render/frame-diff.js';

function copy(frame: Frame): Frame {
  return { width: frame.width, height: frame.height, data: frame.data.slice() };
}

function withBlack(frame: Frame, points: readonly (readonly [number, number])[]): Frame {
  const out = copy(frame);
  for (const [x, y] of points) setBlack(out, x, y, !isBlack(out, x, y));
  return out;
}

describe('changedWindow', () => {
  const blank = blankFrame(800, 480);

  it('is null for identical frames', () => {
    expect(changedWindow(blank, copy(blank))).toBeNull();
  });

  it('rounds a single pixel out to its byte', () => {
    expect(changedWindow(blank, withBlack(blank, [[13, 7]]))).toEqual({ x: 8, y: 7, width: 8, height: 1 });
  });

  it('spans the bytes of pixels on either side of a byte boundary', () => {
    expect(changedWindow(blank, withBlack(blank, [[15, 100], [16, 120]]))).toEqual({ x: 8, y: 100, width: 16, height: 21 });
  });

  it('covers the whole frame when opposite corners change', () => {
    expect(changedWindow(blank, withBlack(blank, [[0, 0], [799, 479]]))).toEqual({ x: 0, y: 0, width: 800, height: 480 });
  });

  it('refuses frames of different sizes', () => {
    expect(() => changedWindow(blank, blankFrame(400, 300))).toThrow(/cannot compare/);
  });

  it('is the smallest byte-aligned window holding every change (property)', () => {
    const width = 64;
    const height = 24;
    const point = fc.tuple(fc.integer({ min: 0, max: width - 1 }), fc.integer({ min: 0, max: height - 1 }));
    fc.assert(
      fc.property(fc.array(point, { maxLength: 20 }), fc.array(point, { maxLength: 30 }), (background, changes) => {
        const before = withBlack(blankFrame(width, height), background);
        const after = withBlack(before, changes);
        const window = changedWindow(before, after);
        if (!window) {
          expect(after.data).toEqual(before.data);
          return;
        }
        expect(window.x % 8).toBe(0);
        expect(window.width % 8).toBe(0);
        // Every changed pixel is inside...
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            if (isBlack(before, x, y) === isBlack(after, x, y)) continue;
            expect(x >= window.x && x < window.x + window.width && y >= window.y && y < window.y + window.height).toBe(true);
          }
        }
        // ...and sending just the window turns the old picture into the new one.
        const patched = copy(before);
        const bytes = windowBytes(after, window);
        const stride = width / 8;
        for (let r = 0; r < window.height; r++) {
          patched.data.set(bytes.subarray((r * window.width) / 8, ((r + 1) * window.width) / 8), (window.y + r) * stride + window.x / 8);
        }
        expect(patched.data).toEqual(after.data);
      }),
    );
  });
});

describe('windowBytes', () => {
  it('packs the window row by row', () => {
    const frame = blankFrame(32, 4);
    frame.data.set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(Array.from(windowBytes(frame, { x: 8, y: 1, width: 16, height: 2 }))).toEqual([5, 6, 9, 10]);
    expect(Array.from(windowBytes(frame, { x: 0, y: 0, width: 32, height: 4 }))).toEqual(Array.from(frame.data));
  });

  it('refuses windows off byte boundaries or outside the frame', () => {
    const frame = blankFrame(32, 4);
    expect(() => windowBytes(frame, { x: 4, y: 0, width: 8, height: 1 })).toThrow(/multiples of 8/);
    expect(() => windowBytes(frame, { x: 0, y: 0, width: 12, height: 1 })).toThrow(/multiples of 8/);
    expect(() => windowBytes(frame, { x: 24, y: 0, width: 16, height: 1 })).toThrow(/outside/);
    expect(() => windowBytes(frame, { x: 0, y: 3, width: 8, height: 2 })).toThrow(/outside/);
  });
});
