import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { isBlack, type Frame } from '../../../hardware/eink/frame.js';
import type { DoorContent, PanelContent, SetupContent } from '../../../hardware/eink/panel-content.js';
import { visualRuns } from '../../../hardware/eink/render/bidi-runs.js';
import { fontAssets } from '../../../hardware/eink/render/fonts.js';
import { changedWindow } from '../../../hardware/eink/render/frame-diff.js';
import { framePng, writeFramePng } from '../../../hardware/eink/render/frame-png.js';
import { ditherFloydSteinberg, renderPanel } from '../../../hardware/eink/render/render-panel.js';
import { cleanText, fitLines, REPLACEMENT } from '../../../hardware/eink/render/text-fit.js';
import { decodeQr } from '../../helpers/qr.js';

const GOLDEN_DIR = fileURLToPath(new URL('../../fixtures/eink/', import.meta.url));
const OUTPUT_DIR = fileURLToPath(new URL('../../../test-output/eink/', import.meta.url));
/** Goldens may differ this much: resvg's antialiasing differs in the last bit between CPUs (x64 CI, arm64 Pi). */
const GOLDEN_TOLERANCE = 0.005;

const LARGE = { width: 800, height: 480 };
const SMALL = { width: 400, height: 300 };

const door: DoorContent = {
  kind: 'door',
  roomName: 'Fjord 3.14',
  status: 'free',
  statusWord: 'Free',
  statusDetail: 'until 10:15',
  current: null,
  nextHeading: 'Next',
  next: [
    { time: '10:15–11:00', subject: 'Design review: e-ink door display' },
    { time: '13:00–14:00', subject: 'Lunch & learn' },
    { time: '15:30–16:00', subject: 'Weekly sync with the platform team and friends from marketing' },
  ],
  emptyNext: 'Nothing else today',
  date: 'Saturday 21 November',
  notice: null,
};
const review = { time: '10:15–11:00', subject: 'Design review: e-ink door display' };

const busy: DoorContent = { ...door, status: 'busy', statusWord: 'Busy', statusDetail: 'until 11:00', current: review, next: door.next.slice(1) };
const soon: DoorContent = { ...door, status: 'soon', statusWord: 'Starting soon', statusDetail: 'Meeting at 10:15 · in 10 min' };
const checkin: DoorContent = {
  ...busy,
  status: 'awaiting-checkin',
  statusWord: 'Check in now',
  statusDetail: 'Released at 10:25 if nobody checks in',
  notice: 'Offline since 10:02 — showing saved calendar',
};
const longSubject: DoorContent = {
  ...busy,
  statusDetail: 'until 17:00',
  current: {
    time: '09:00–17:00',
    subject: 'Quarterly business review with the extended leadership team, finance, and all regional managers including the overflow room',
  },
  next: [],
};
const rtl: DoorContent = {
  ...busy,
  roomName: 'חדר ישיבות 3',
  current: { time: '10:15–11:00', subject: 'ישיבת צוות שבועית בשעה 10:15 עם Microsoft Teams (חובה)' },
  next: [{ time: '13:00–14:00', subject: 'פגישת תכנון רבעונית עם כל המחלקות והנהלה בכירה ועוד' }],
};
const setup: SetupContent = {
  kind: 'setup',
  roomName: 'Fjord 3.14',
  title: 'Set up this display',
  qrText: 'https://lintel.example/setup?code=ABCD-EFGH',
  lines: ['ABCD-EFGH', 'Go to https://microsoft.com/devicelogin', 'Device: lintel-fjord-314', 'Address: 192.168.1.42'],
};

function toRgba(frame: Frame): Uint8Array {
  const rgba = new Uint8Array(frame.width * frame.height * 4);
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      const v = isBlack(frame, x, y) ? 0 : 255;
      rgba.set([v, v, v, 255], (y * frame.width + x) * 4);
    }
  }
  return rgba;
}

function blackFraction(frame: Frame, top: number, bottom: number, left = 0, right = frame.width): number {
  let black = 0;
  for (let y = top; y < bottom; y++) for (let x = left; x < right; x++) if (isBlack(frame, x, y)) black++;
  return black / ((bottom - top) * (right - left));
}

/** Writes the render for review, then compares it with the committed golden (or writes the golden under UPDATE_GOLDEN=1). */
function expectGolden(name: string, frame: Frame): void {
  writeFramePng(frame, join(OUTPUT_DIR, `${name}.png`));
  const goldenPath = join(GOLDEN_DIR, `${name}.png`);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFramePng(frame, goldenPath);
    return;
  }
  if (!existsSync(goldenPath)) {
    throw new Error(
      `golden image test/fixtures/eink/${name}.png is missing. Look at test-output/eink/${name}.png; if it is right, create the golden with: ` +
        `UPDATE_GOLDEN=1 npx vitest run -c test/vitest.config.ts test/hardware/eink`,
    );
  }
  const golden = PNG.sync.read(readFileSync(goldenPath));
  expect({ width: golden.width, height: golden.height }).toEqual({ width: frame.width, height: frame.height });
  let differing = 0;
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      if (((golden.data[(y * frame.width + x) * 4] ?? 0) < 128) !== isBlack(frame, x, y)) differing++;
    }
  }
  const fraction = differing / (frame.width * frame.height);
  expect(fraction, `${name}: ${differing} pixels differ from the golden (see test-output/eink/${name}.png)`).toBeLessThanOrEqual(GOLDEN_TOLERANCE);
}

describe('renderPanel goldens', () => {
  const cases: [string, PanelContent, { width: number; height: number }][] = [
    ['free-800x480', door, LARGE],
    ['busy-800x480', busy, LARGE],
    ['soon-800x480', soon, LARGE],
    ['awaiting-checkin-800x480', checkin, LARGE],
    ['setup-800x480', setup, LARGE],
    ['long-subject-800x480', longSubject, LARGE],
    ['rtl-subject-800x480', rtl, LARGE],
    ['free-400x300', door, SMALL],
    ['busy-400x300', busy, SMALL],
    ['setup-400x300', setup, SMALL],
  ];
  it.each(cases)('%s matches its golden', async (name, content, size) => {
    const frame = await renderPanel(content, size);
    expect(frame.data.length).toBe((size.width / 8) * size.height);
    expectGolden(name, frame);
  });
});

describe('renderPanel', () => {
  it('writes only pure black and pure white', async () => {
    const png = PNG.sync.read(framePng(await renderPanel(busy, LARGE)));
    const values = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) values.add(png.data[i] ?? -1);
    expect([...values].sort((a, b) => a - b)).toEqual([0, 255]);
  });

  it.each([
    ['800×480', LARGE],
    ['400×300', SMALL],
  ] as const)('draws a QR code a phone reads back as the setup address at %s', async (_label, size) => {
    const frame = await renderPanel(setup, size);
    expect(decodeQr(toRgba(frame), size.width, size.height)).toBe(setup.qrText);
  });

  it('still draws the setup text when the address is too long for any QR code', async () => {
    const frame = await renderPanel({ ...setup, qrText: `https://x.example/${'a'.repeat(5000)}` }, LARGE);
    expect(decodeQr(toRgba(frame), LARGE.width, LARGE.height)).toBeNull();
    expect(blackFraction(frame, 0, LARGE.height)).toBeGreaterThan(0.01);
  });

  it.each([
    ['busy', true, busy],
    ['awaiting-checkin', true, checkin],
    ['free', false, door],
    ['soon', false, soon],
  ] as const)('%s: black status band across the top: %s', async (_name, band, content) => {
    for (const size of [LARGE, SMALL]) {
      const fraction = blackFraction(await renderPanel(content, size), 0, Math.round(size.height * 0.3));
      // Measured: busy ~0.9, awaiting check-in ~0.8; free ~0.1, soon ~0.3 (its outline and long word).
      if (band) expect(fraction).toBeGreaterThan(0.6);
      else expect(fraction).toBeLessThan(0.45);
    }
  });

  it('keeps a long subject to two lines inside the margins', async () => {
    const frame = await renderPanel(longSubject, LARGE);
    const twoLines = await renderPanel({ ...longSubject, current: { time: '09:00–17:00', subject: 'Quarterly business review with the extended leadership team' } }, LARGE);
    const bandBottom = (f: Frame): number => {
      let y = 0;
      while (y < f.height && isBlack(f, 2, y)) y++;
      return y;
    };
    // The band is exactly as tall as for a subject of two lines: the rest was cut, not drawn below.
    expect(bandBottom(frame)).toBe(bandBottom(twoLines));
    expect(bandBottom(frame)).toBeLessThan(LARGE.height * 0.8);
    // Both side margins of the band are solid black: no white text ran into them.
    expect(blackFraction(frame, 0, bandBottom(frame), 0, 24)).toBe(1);
    expect(blackFraction(frame, 0, bandBottom(frame), LARGE.width - 24, LARGE.width)).toBe(1);
  });

  it('right-aligns a right-to-left subject and left-aligns a left-to-right one', async () => {
    const hebrew = await renderPanel({ ...busy, current: { ...review, subject: 'ישיבת צוות' } }, LARGE);
    const english = await renderPanel({ ...busy, current: { ...review, subject: 'Team sync' } }, LARGE);
    // Same layout but for the subject: the window of differences is the subject line.
    const line = changedWindow(hebrew, english);
    if (!line) throw new Error('the two subjects rendered the same');
    const whiteColumns = (f: Frame): [number, number] => {
      let min = f.width;
      let max = -1;
      for (let y = line.y; y < line.y + line.height; y++) {
        for (let x = 0; x < f.width; x++) {
          if (isBlack(f, x, y)) continue;
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
      }
      return [min, max];
    };
    const [hebrewLeft, hebrewRight] = whiteColumns(hebrew);
    const [englishLeft, englishRight] = whiteColumns(english);
    expect(hebrewLeft).toBeGreaterThan(LARGE.width / 2);
    expect(hebrewRight).toBeGreaterThan(LARGE.width - 28 - 8);
    expect(hebrewRight).toBeLessThan(LARGE.width - 28);
    expect(englishLeft).toBeGreaterThanOrEqual(28);
    expect(englishLeft).toBeLessThan(28 + 8);
    expect(englishRight).toBeLessThan(LARGE.width / 2);
  });

  it('draws hostile strings as literal text without throwing', async () => {
    const hostile = ['<script>alert(1)</script>', '&amp; &lt;b&gt;', 'x'.repeat(10_000), '\u202Eevil\u202C', 'a\u0000b\r\n\tc', '\uD800 lone', 'Z\u0337\u0322a\u0335l\u0336g\u0338o', '😀 中文 🇳🇴', ''];
    for (const text of hostile) {
      const content: DoorContent = {
        ...checkin,
        roomName: text,
        statusWord: text,
        statusDetail: text,
        current: { time: text, subject: text },
        nextHeading: text,
        next: [{ time: text, subject: text }],
        emptyNext: text,
        date: text,
        notice: text,
      };
      for (const size of [LARGE, SMALL]) expect((await renderPanel(content, size)).data.length).toBe((size.width / 8) * size.height);
      await renderPanel({ ...setup, roomName: text, title: text, qrText: text, lines: [text, text] }, SMALL);
    }
    // Markup and entities are drawn, not interpreted: each renders differently from its "meaning".
    const subject = async (s: string): Promise<Frame> => renderPanel({ ...busy, current: { ...review, subject: s } }, LARGE);
    expect(changedWindow(await subject('&amp;'), await subject('&'))).not.toBeNull();
    expect(changedWindow(await subject('<b>x</b>'), await subject('x'))).not.toBeNull();
  });

  it('rejects a size the panels cannot have', async () => {
    await expect(renderPanel(door, { width: 801, height: 480 })).rejects.toThrow(/multiple of 8/);
    await expect(renderPanel(door, { width: 0, height: 480 })).rejects.toThrow();
  });
  // Render speed is measured by `npm run bench` (e-paper render + pack), never asserted here.
});

describe('text fitting', () => {
  it('breaks into at most the lines allowed, each within the width, ending in an ellipsis', async () => {
    const { measure } = await fontAssets();
    const style = { size: 34, weight: 700 } as const;
    const text = cleanText(longSubject.current?.subject ?? '', measure);
    const fitted = fitLines(text, style, 600, 2, measure);
    expect(fitted.truncated).toBe(true);
    expect(fitted.lines).toHaveLength(2);
    for (const line of fitted.lines) expect(measure.width(line, style.size, style.weight)).toBeLessThanOrEqual(600);
    expect(fitted.lines[1]?.endsWith('…')).toBe(true);
    expect(fitLines('Short', style, 600, 2, measure)).toEqual({ lines: ['Short'], truncated: false });
  });

  it('breaks a word longer than the line, after a slash when there is one', async () => {
    const { measure } = await fontAssets();
    const fitted = fitLines('https://microsoft.com/devicelogin', { size: 26, weight: 500 }, 300, 3, measure);
    expect(fitted.lines).toEqual(['https://microsoft.com/', 'devicelogin']);
  });

  it('flattens control and format characters and replaces what no font can draw', async () => {
    const { measure } = await fontAssets();
    expect(cleanText('a\u0000b\r\n\t c\u202E\u200Bd', measure)).toBe('a b cd');
    expect(cleanText('Team 😀 中', measure)).toBe(`Team ${REPLACEMENT} ${REPLACEMENT}`);
    expect(cleanText('x'.repeat(10_000), measure).length).toBeLessThan(1000);
    expect(cleanText('Łódź Привет Καλημέρα שלום', measure)).toBe('Łódź Привет Καλημέρα שלום');
  });
});

describe('right-to-left runs', () => {
  it('orders runs left to right and keeps numbers and Latin words left-to-right inside Hebrew', () => {
    expect(visualRuns('ישיבה בשעה 10:15 עם Microsoft Teams', true)).toEqual([
      { text: 'Microsoft Teams', rtl: false },
      { text: ' עם ', rtl: true },
      { text: '10:15', rtl: false },
      { text: 'ישיבה בשעה ', rtl: true },
    ]);
  });

  it('reverses the order of numbers in Hebrew but not their digits', () => {
    expect(visualRuns('אבג 10 20', true)).toEqual([
      { text: '20', rtl: false },
      { text: ' ', rtl: true },
      { text: '10', rtl: false },
      { text: 'אבג ', rtl: true },
    ]);
  });

  it('leaves left-to-right text in one run, Hebrew words in it in their own', () => {
    expect(visualRuns('Meeting 10:15', false)).toEqual([{ text: 'Meeting 10:15', rtl: false }]);
    expect(visualRuns('Call with שלום עולם today', false)).toEqual([
      { text: 'Call with ', rtl: false },
      { text: 'שלום עולם', rtl: true },
      { text: ' today', rtl: false },
    ]);
  });
});

describe('ditherFloydSteinberg', () => {
  const flat = (value: number, width = 64, height = 64): Uint8Array => new Uint8Array(width * height).fill(value);

  it('keeps pure black and pure white as they are', () => {
    expect(blackFraction(ditherFloydSteinberg(flat(0), 64, 64), 0, 64)).toBe(1);
    expect(blackFraction(ditherFloydSteinberg(flat(255), 64, 64), 0, 64)).toBe(0);
  });

  it('turns a grey into that share of black dots, spread out rather than in a block', () => {
    for (const grey of [64, 128, 192]) {
      const frame = ditherFloydSteinberg(flat(grey), 64, 64);
      expect(blackFraction(frame, 0, 64)).toBeCloseTo(1 - grey / 255, 1);
      // Every 8×8 tile gets its share too: the error is diffused locally.
      for (let ty = 0; ty < 64; ty += 8) for (let tx = 0; tx < 64; tx += 8) expect(Math.abs(blackFraction(frame, ty, ty + 8, tx, tx + 8) - (1 - grey / 255))).toBeLessThan(0.2);
    }
  });

  it('follows a gradient: darker on the dark side', () => {
    const width = 128;
    const ramp = new Uint8Array(width * 32).map((_, i) => Math.round(((i % width) / (width - 1)) * 255));
    const frame = ditherFloydSteinberg(ramp, width, 32);
    const quarters = [0, 1, 2, 3].map((q) => blackFraction(frame, 0, 32, q * 32, (q + 1) * 32));
    expect(quarters).toEqual([...quarters].sort((a, b) => b - a));
    expect(quarters[0]).toBeGreaterThan(0.7);
    expect(quarters[3]).toBeLessThan(0.3);
  });
});
