import { encode as encodeQr } from 'uqr';
import type { DoorContent, PanelContent, SetupContent } from '../panel-content.js';
import { PANEL_HEIGHT, PANEL_WIDTH, type FontSize, type UartCommand } from './uart-commands.js';

/**
 * Lays out what the door display shows as the module's own primitives: its built-in fonts
 * (32/48/64 dots), rectangles and lines. The module cannot show images, so the setup QR code
 * becomes filled rectangles.
 *
 * The English font is ASCII. Its glyph widths are not documented anywhere we could find; the
 * font is sold as the half-width companion of the 32/48/64-dot GBK font, so a character is taken
 * to be at most half as wide as it is tall. Proportional glyphs would only come out narrower.
 */

export const CHAR_WIDTH: Readonly<Record<FontSize, number>> = { 32: 16, 48: 24, 64: 32 };

const MARGIN = 24;
const RIGHT = PANEL_WIDTH - MARGIN;

/** What the ASCII font has no glyph for but a reader still recognises. */
const SPELLED: Readonly<Record<string, string>> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2018': "'", '\u2019': "'", '\u201a': ',', '\u201b': "'", '\u2032': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u00ab': '"', '\u00bb': '"', '\u2033': '"',
  '\u2044': '/', '\u2039': '<', '\u203a': '>', '\u2026': '...', '\u00b7': '-', '\u2022': '-', '\u2219': '-', '\u00d7': 'x',
  '\u00df': 'ss', '\u1e9e': 'SS', '\u00e6': 'ae', '\u00c6': 'AE', '\u0153': 'oe', '\u0152': 'OE',
  '\u00f8': 'o', '\u00d8': 'O', '\u0142': 'l', '\u0141': 'L', '\u0111': 'd', '\u0110': 'D', '\u00f0': 'd',
  '\u00d0': 'D', '\u00fe': 'th', '\u00de': 'Th', '\u0131': 'i', '\u0127': 'h', '\u0126': 'H',
  '\u20ac': 'EUR', '\u00a3': 'GBP', '\u00a9': '(c)', '\u00ae': '(R)', '\u2122': 'TM', '\u2192': '->', '\u2190': '<-',
};

// Hostile input can be megabytes; nothing wider than the panel is ever shown.
const MAX_SCAN = 4 * (PANEL_WIDTH / CHAR_WIDTH[32]);

/**
 * Printable ASCII for the module: accents stripped, typographic marks spelled plainly, control and
 * format characters dropped (a NUL would end the module's string early), white space collapsed,
 * and '?' for whatever the font cannot show.
 */
export function toModuleText(input: string): string {
  let out = '';
  for (const ch of input.slice(0, MAX_SCAN * 2).normalize('NFKC')) {
    if (out.length >= MAX_SCAN) break;
    out += moduleChar(ch);
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

function moduleChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x20 && code <= 0x7e) return ch;
  if (/\s/u.test(ch)) return ' ';
  if (/[\p{Cc}\p{Cf}\p{M}]/u.test(ch)) return '';
  const spelled = SPELLED[ch];
  if (spelled) return spelled;
  const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
  return /^[\x20-\x7e]+$/.test(bare) ? bare : '?';
}

export function textWidth(text: string, size: FontSize): number {
  return text.length * CHAR_WIDTH[size];
}

/** Cuts `text` (already module text) to `maxWidth`, ending in "..." when something was cut. */
export function fitText(text: string, size: FontSize, maxWidth: number): string {
  const fits = Math.floor(maxWidth / CHAR_WIDTH[size]);
  if (text.length <= fits) return text;
  if (fits <= 3) return '...'.slice(0, Math.max(0, fits));
  return `${text.slice(0, fits - 3).trimEnd()}...`;
}

/** Collects commands, skipping font and colour frames that would change nothing. */
class Sheet {
  readonly commands: UartCommand[] = [];
  private font: FontSize | null = null;
  private inverted = false;

  constructor() {
    this.commands.push({ op: 'colours', fg: 'black', bg: 'white' }, { op: 'clear' });
  }

  /** Draws `raw` from (x, y), at most `maxWidth` wide; returns the text drawn ('' draws nothing). */
  text(raw: string, size: FontSize, x: number, y: number, maxWidth = RIGHT - x): string {
    const text = fitText(toModuleText(raw), size, maxWidth);
    if (text === '') return '';
    if (this.font !== size) this.commands.push({ op: 'font', size });
    this.font = size;
    this.commands.push({ op: 'text', x, y, text });
    return text;
  }

  fill(x0: number, y0: number, x1: number, y1: number): void {
    this.commands.push({ op: 'fillRect', x0, y0, x1, y1 });
  }

  line(x0: number, y0: number, x1: number, y1: number): void {
    this.commands.push({ op: 'line', x0, y0, x1, y1 });
  }

  /** White text on black from here on (for bands drawn black), or back. */
  invert(on: boolean): void {
    if (this.inverted === on) return;
    this.inverted = on;
    this.commands.push(on ? { op: 'colours', fg: 'white', bg: 'black' } : { op: 'colours', fg: 'black', bg: 'white' });
  }
}

export function layoutPanel(content: PanelContent): UartCommand[] {
  return content.kind === 'door' ? layoutDoor(content) : layoutSetup(content);
}

const BAND_TOP = 124;
const BAND_BOTTOM = 299;
const BAND_BORDER = 6;
const ROW_PITCH = 44;
const NOTICE_TOP = 536;

/**
 * Room and date on top, then the status band (solid black while the room is taken, framed
 * while it is free), then what comes next, and an inverted strip at the foot for a notice.
 */
export function layoutDoor(c: DoorContent): UartCommand[] {
  const s = new Sheet();
  s.text(c.roomName, 48, MARGIN, 20);
  s.text(c.date, 32, MARGIN, 76);

  const taken = c.status === 'busy' || c.status === 'awaiting-checkin';
  if (taken) {
    s.fill(0, BAND_TOP, PANEL_WIDTH - 1, BAND_BOTTOM);
    s.invert(true);
  } else {
    const b = BAND_BORDER - 1;
    s.fill(0, BAND_TOP, PANEL_WIDTH - 1, BAND_TOP + b);
    s.fill(0, BAND_BOTTOM - b, PANEL_WIDTH - 1, BAND_BOTTOM);
    s.fill(0, BAND_TOP, b, BAND_BOTTOM);
    s.fill(PANEL_WIDTH - 1 - b, BAND_TOP, PANEL_WIDTH - 1, BAND_BOTTOM);
  }
  s.text(c.statusWord, 64, MARGIN, 140);
  s.text(c.statusDetail, 32, MARGIN, 216);
  if (c.current) meetingRow(s, c.current.time, c.current.subject, 254);
  s.invert(false);

  const headingY = BAND_BOTTOM + 18;
  s.text(c.nextHeading, 32, MARGIN, headingY);
  s.line(MARGIN, headingY + 38, RIGHT, headingY + 38);
  const firstRow = headingY + 48;
  const lastRowBottom = c.notice ? NOTICE_TOP - 8 : PANEL_HEIGHT - 16;
  const rows = Math.max(0, Math.floor((lastRowBottom - firstRow - 32) / ROW_PITCH) + 1);
  if (c.next.length === 0) s.text(c.emptyNext, 32, MARGIN, firstRow);
  c.next.slice(0, Math.min(3, rows)).forEach((m, i) => meetingRow(s, m.time, m.subject, firstRow + i * ROW_PITCH));

  if (c.notice) {
    s.fill(0, NOTICE_TOP, PANEL_WIDTH - 1, PANEL_HEIGHT - 1);
    s.invert(true);
    s.text(c.notice, 32, MARGIN, NOTICE_TOP + 16);
    s.invert(false);
  }
  return s.commands;
}

/** "10:15-11:00" then the subject; the subject column starts after the widest time we expect. */
function meetingRow(s: Sheet, time: string, subject: string, y: number): void {
  const timeWidth = 11 * CHAR_WIDTH[32];
  const drawn = s.text(time, 32, MARGIN, y, timeWidth);
  const subjectX = MARGIN + Math.max(timeWidth, textWidth(drawn, 32)) + 2 * CHAR_WIDTH[32];
  s.text(subject, 32, subjectX, y);
}

const QUIET_ZONE = 4;
const MIN_MODULE_PX = 4;
const MAX_MODULE_PX = 12;
const SETUP_TOP = 144;
const SETUP_BOTTOM = PANEL_HEIGHT - 16;
const LINE_PITCH = 44;
const MAX_SETUP_LINES = 6;

/**
 * Title on top, the lines (code, URL, device, address) on the left and the QR code on the right,
 * as big as the lines leave room for once wrapped (a person types that URL: it wraps rather than
 * losing its end). When even 4-px modules leave too little room, the QR code goes under the lines.
 */
export function layoutSetup(c: SetupContent): UartCommand[] {
  const s = new Sheet();
  s.text(c.roomName, 32, MARGIN, 20);
  s.text(c.title, 48, MARGIN, 64);
  s.line(MARGIN, 128, RIGHT, 128);

  const qr = encodeQr(c.qrText, { ecc: 'M', border: 0 });
  const span = qr.size + 2 * QUIET_ZONE;
  const lines = c.lines.map(toModuleText).filter((l) => l !== '').slice(0, MAX_SETUP_LINES);
  const room = SETUP_BOTTOM - SETUP_TOP;

  for (let px = MAX_MODULE_PX; px >= MIN_MODULE_PX; px--) {
    const block = px * span;
    const x = PANEL_WIDTH - block;
    const rows = lines.flatMap((l) => wrapText(l, 32, x - MARGIN, 2));
    if (block > room || 8 + rows.length * LINE_PITCH > room) continue;
    rows.forEach((r, i) => s.text(r, 32, MARGIN, SETUP_TOP + 8 + i * LINE_PITCH, x - MARGIN));
    const y = SETUP_TOP + Math.floor((room - block) / 2);
    s.commands.push(...qrRects(qr.data, x + QUIET_ZONE * px, y + QUIET_ZONE * px, px));
    return s.commands;
  }
  lines.forEach((l, i) => s.text(l, 32, MARGIN, SETUP_TOP + 8 + i * LINE_PITCH));
  const top = SETUP_TOP + 8 + lines.length * LINE_PITCH;
  const px = Math.min(MAX_MODULE_PX, Math.max(1, Math.floor(Math.min(SETUP_BOTTOM - top, PANEL_WIDTH) / span)));
  const x = Math.floor((PANEL_WIDTH - px * span) / 2);
  s.commands.push(...qrRects(qr.data, x + QUIET_ZONE * px, top + QUIET_ZONE * px, px));
  return s.commands;
}

const BREAK_AFTER = new Set(['/', '-', '.', ',', ':', '?', '&', '=']);

/**
 * Splits module text into at most `maxRows` rows of `maxWidth`, breaking at a space or after a
 * URL's punctuation when one falls in the second half of the row; the last row is cut with "...".
 */
export function wrapText(text: string, size: FontSize, maxWidth: number, maxRows: number): string[] {
  const per = Math.floor(maxWidth / CHAR_WIDTH[size]);
  const rows: string[] = [];
  let rest = text;
  while (rest.length > per && rows.length < maxRows - 1 && per > 0) {
    let cut = per;
    let skip = 0;
    for (let i = per; i >= Math.ceil(per / 2); i--) {
      if (rest[i] === ' ') {
        [cut, skip] = [i, 1];
        break;
      }
      if (BREAK_AFTER.has(rest[i - 1] ?? '')) {
        cut = i;
        break;
      }
    }
    rows.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut + skip).trimStart();
  }
  const last = fitText(rest, size, maxWidth);
  return last === '' ? rows : [...rows, last];
}

/**
 * One filled rectangle per run of dark modules in a row, and runs that repeat in the rows below
 * merged into one taller rectangle: the finder patterns alone drop from 21 frames to 9.
 */
export function qrRects(modules: readonly (readonly boolean[])[], left: number, top: number, px: number): UartCommand[] {
  type Run = { x0: number; x1: number; y0: number; y1: number };
  const done: Run[] = [];
  let open = new Map<string, Run>();
  modules.forEach((row, r) => {
    const next = new Map<string, Run>();
    for (let c = 0; c < row.length; ) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (row[c]) c++;
      const key = `${start}:${c}`;
      const run = open.get(key) ?? { x0: start, x1: c, y0: r, y1: r };
      run.y1 = r;
      open.delete(key);
      next.set(key, run);
    }
    done.push(...open.values());
    open = next;
  });
  done.push(...open.values());
  done.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  return done.map((run) => ({
    op: 'fillRect',
    x0: left + run.x0 * px,
    y0: top + run.y0 * px,
    x1: left + run.x1 * px - 1,
    y1: top + (run.y1 + 1) * px - 1,
  }));
}
