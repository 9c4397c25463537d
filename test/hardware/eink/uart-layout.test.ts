import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import type { DoorContent, SetupContent } from '../../../hardware/eink/panel-content.js';
import { encodeCommand, type UartCommand } from '../../../hardware/eink/uart/uart-commands.js';
import { CHAR_WIDTH, fitText, layoutDoor, layoutSetup, qrRects, toModuleText, wrapText } from '../../../hardware/eink/uart/uart-layout.js';

const door: DoorContent = {
  kind: 'door',
  roomName: 'Ada Lovelace',
  status: 'busy',
  statusWord: 'Busy',
  statusDetail: 'until 11:00',
  current: { time: '10:15–11:00', subject: 'Quarterly planning' },
  nextHeading: 'Next',
  next: [
    { time: '11:30–12:00', subject: 'Café with Zoë' },
    { time: '13:00–14:00', subject: 'Design review' },
  ],
  emptyNext: 'Nothing else today',
  date: 'Saturday 21 November',
  notice: null,
};

type Text = Extract<UartCommand, { op: 'text' }>;
const texts = (commands: UartCommand[]): Text[] => commands.filter((c): c is Text => c.op === 'text');

/** Every text stays inside the panel at the font in force when it is drawn. */
function expectInside(commands: UartCommand[]): void {
  let size: 32 | 48 | 64 = 32;
  for (const c of commands) {
    if (c.op === 'font') size = c.size;
    if (c.op === 'text') {
      expect(c.x + c.text.length * CHAR_WIDTH[size], `"${c.text}"`).toBeLessThanOrEqual(800);
      expect(c.y + size, `"${c.text}"`).toBeLessThanOrEqual(600);
    }
    expect(() => encodeCommand(c)).not.toThrow();
  }
}

describe('toModuleText', () => {
  it('strips accents, spells typographic marks and drops control and format characters', () => {
    expect(toModuleText('Café with Zoë')).toBe('Cafe with Zoe');
    expect(toModuleText('10:15–11:00 · in 10 min…')).toBe('10:15-11:00 - in 10 min...');
    expect(toModuleText('“Straße” ‘Łódź’')).toBe('"Strasse" \'Lodz\'');
    expect(toModuleText('a\0b\u0007c\u200bd\u202ee\u00adf')).toBe('abcdef');
    expect(toModuleText(' line\none\ttwo\r\n  three\u2028')).toBe('line one two three');
    expect(toModuleText('ｆｕｌｌ ﬁ ½')).toBe('full fi 1/2');
  });

  it("puts '?' where the ASCII font has nothing", () => {
    expect(toModuleText('חדר ישיבות')).toBe('??? ??????');
    expect(toModuleText('会议室 A')).toBe('??? A');
    expect(toModuleText('Party 🎉')).toBe('Party ?');
    expect(toModuleText('lone \ud800 half')).toBe('lone ? half');
  });

  it('reads only the start of a huge string', () => {
    const out = toModuleText('x'.repeat(5_000_000));
    expect(out.length).toBeLessThanOrEqual(200);
  });
});

describe('wrapText', () => {
  it('breaks at spaces and after URL punctuation, cutting the last row', () => {
    expect(wrapText('https://microsoft.com/devicelogin', 32, 22 * 16, 2)).toEqual(['https://microsoft.com/', 'devicelogin']);
    expect(wrapText('Sign in at the front desk please', 32, 14 * 16, 2)).toEqual(['Sign in at the', 'front desk...']);
    expect(wrapText('x'.repeat(30), 32, 10 * 16, 3)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(10)]);
    expect(wrapText('short', 32, 10 * 16, 2)).toEqual(['short']);
  });
});

describe('fitText', () => {
  it('cuts to the width with "..."', () => {
    expect(fitText('Quarterly planning', 32, 10 * 16)).toBe('Quarter...');
    expect(fitText('Quarterly planning', 32, 18 * 16)).toBe('Quarterly planning');
    expect(fitText('Go to lunch', 32, 9 * 16)).toBe('Go to...');
    expect(fitText('abcdef', 64, 2 * 32)).toBe('..');
  });
});

describe('layoutDoor', () => {
  it('draws the status word big, white on a black band while busy', () => {
    const commands = layoutDoor(door);
    expect(commands.slice(0, 2)).toEqual([{ op: 'colours', fg: 'black', bg: 'white' }, { op: 'clear' }]);
    const word = commands.findIndex((c) => c.op === 'text' && c.text === 'Busy');
    expect(commands.slice(0, word)).toContainEqual({ op: 'fillRect', x0: 0, y0: 124, x1: 799, y1: 299 });
    expect(commands.slice(0, word).filter((c) => c.op === 'colours').at(-1)).toEqual({ op: 'colours', fg: 'white', bg: 'black' });
    expect(commands.slice(0, word).filter((c) => c.op === 'font').at(-1)).toEqual({ op: 'font', size: 64 });
    expect(texts(commands).map((t) => t.text)).toEqual([
      'Ada Lovelace',
      'Saturday 21 November',
      'Busy',
      'until 11:00',
      '10:15-11:00',
      'Quarterly planning',
      'Next',
      '11:30-12:00',
      'Cafe with Zoe',
      '13:00-14:00',
      'Design review',
    ]);
    expectInside(commands);
  });

  it('frames the band instead of filling it while the room is free', () => {
    const commands = layoutDoor({ ...door, status: 'free', statusWord: 'Free', current: null, next: [] });
    expect(commands).not.toContainEqual(expect.objectContaining({ op: 'colours', fg: 'white' }));
    expect(commands.filter((c) => c.op === 'fillRect')).toHaveLength(4);
    expect(texts(commands).map((t) => t.text)).toContain('Nothing else today');
  });

  it('keeps hostile strings on the panel and within three meetings', () => {
    const long = 'W'.repeat(400);
    const commands = layoutDoor({
      ...door,
      roomName: `${long}\0\u202e`,
      statusWord: long,
      statusDetail: long,
      current: { time: long, subject: long },
      nextHeading: long,
      next: Array.from({ length: 8 }, () => ({ time: '\n\t', subject: long })),
      date: long,
      notice: `Offline since 10:02 — showing saved calendar ${long}`,
    });
    expectInside(commands);
    expect(texts(commands).filter((t) => t.y >= 365 && t.y < 536).length).toBeLessThanOrEqual(6);
    expect(texts(commands).find((t) => t.text.startsWith('Offline'))?.text).toBe('Offline since 10:02 - showing saved calendar...');
  });
});

describe('layoutSetup and qrRects', () => {
  const setup: SetupContent = {
    kind: 'setup',
    roomName: 'Ada Lovelace',
    title: 'Set up this display',
    qrText: 'https://microsoft.com/devicelogin?otc=ABCD-EFGH',
    lines: ['Code: ABCD-EFGH', 'https://microsoft.com/devicelogin', 'Device: lintel-ada', 'Address: 192.168.1.23'],
  };

  it('redraws the QR matrix exactly from its rectangles', () => {
    const qr = encode(setup.qrText, { ecc: 'M', border: 0 });
    const rects = qrRects(qr.data, 0, 0, 1);
    const back = qr.data.map((row) => row.map(() => false));
    for (const r of rects) {
      if (r.op !== 'fillRect') throw new Error(r.op);
      for (let y = r.y0; y <= r.y1; y++) for (let x = r.x0; x <= r.x1; x++) (back[y] as boolean[])[x] = true;
    }
    expect(back).toEqual(qr.data);
    const runs = qr.data.reduce((n, row) => n + row.filter((dark, i) => dark && !row[i - 1]).length, 0);
    expect(rects.length).toBeLessThan(runs);
  });

  it('puts the QR code beside the lines, as big as wrapping the URL allows, clear of them by its quiet zone', () => {
    const commands = layoutSetup(setup);
    expectInside(commands);
    const rects = commands.filter((c) => c.op === 'fillRect');
    const qrLeft = Math.min(...rects.map((c) => (c.op === 'fillRect' ? c.x0 : 800)));
    const moduleSize = Math.min(...rects.map((c) => (c.op === 'fillRect' ? c.x1 - c.x0 + 1 : 800)));
    expect(moduleSize).toBe(10);
    const lines = texts(commands).filter((t) => t.y >= 144);
    expect(lines.map((t) => t.text)).toEqual(['Code: ABCD-EFGH', 'https://microsoft.com/', 'devicelogin', 'Device: lintel-ada', 'Address: 192.168.1.23']);
    for (const t of lines) expect(t.x + t.text.length * 16).toBeLessThanOrEqual(qrLeft - 4 * moduleSize);
  });

  it('moves the QR code under the lines when they leave no room beside', () => {
    const commands = layoutSetup({ ...setup, lines: Array.from({ length: 8 }, (_, i) => `${i}`.repeat(60)) });
    expectInside(commands);
    expect(texts(commands).filter((t) => t.y >= 144)).toHaveLength(6);
    const lastLine = Math.max(...texts(commands).map((t) => t.y));
    const qrTop = Math.min(...commands.map((c) => (c.op === 'fillRect' ? c.y0 : 600)));
    expect(qrTop).toBeGreaterThan(lastLine + 32);
  });
});
