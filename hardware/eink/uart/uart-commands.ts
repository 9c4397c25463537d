import { encodeFrame, FRAME_OVERHEAD, MAX_FRAME_BYTES, type DecodedFrame } from './uart-frame.js';

/**
 * The primitives of the Waveshare 4.3" UART module that Lintel uses, as typed values, and their
 * frames.
 *
 * Verified (Waveshare's `epd.h`/`epd.c` Arduino library as vendored in public repos; fstanis/epaper
 * `const.go`/`commands.go`; the `epd-waveshare-uart` crate's `command.rs`; all three agree):
 * - 0x00 handshake, 0x07 storage area (data 0 = NandFlash, 1 = TF card), 0x08 sleep ("stop mode",
 *   woken only by a pulse on the WAKE_UP pin), 0x0A refresh ("update"), 0x10 colours (foreground,
 *   background), 0x1E English font size, 0x22 line, 0x2E clear (fills with the background colour),
 *   0x30 text (x, y, then the string NUL-terminated).
 * - 0x24 is the FILLED rectangle and 0x25 the outline: all three sources say so (the brief had the
 *   two swapped).
 * - Colours 0x00 black, 0x01 dark grey, 0x02 light grey, 0x03 white (vendor header; fstanis swaps
 *   the two greys in one place, we use only black and white).
 * - English font codes 0x01/0x02/0x03 = 32/48/64 dots (vendor ASCII32/48/64; fstanis; the crate).
 * - Coordinates are 2 bytes big-endian each, x then y; rectangles and lines take x0, y0, x1, y1 with
 *   inclusive ends (the vendor demo frames the screen with rect(0, 0, 799, 599)).
 * - Replies are ASCII "OK", or "Error:N" (fstanis `response.go`: 0 invalid command, 1 SD init,
 *   2 invalid arguments, 3 no SD card, 4 file not found, 20 checksum, 21 invalid frame, 250 other).
 *
 * Not verified: whether text cells are painted in the background colour or left transparent (our
 * layout works either way), and where exactly the glyph sits in its cell.
 */

export const PANEL_WIDTH = 800;
export const PANEL_HEIGHT = 600;

export const CMD = {
  handshake: 0x00,
  storage: 0x07,
  sleep: 0x08,
  refresh: 0x0a,
  colours: 0x10,
  font: 0x1e,
  line: 0x22,
  fillRect: 0x24,
  rect: 0x25,
  clear: 0x2e,
  text: 0x30,
} as const;

export type Colour = 'black' | 'dark-grey' | 'light-grey' | 'white';
const COLOURS: readonly Colour[] = ['black', 'dark-grey', 'light-grey', 'white'];

export type FontSize = 32 | 48 | 64;
const FONTS: readonly FontSize[] = [32, 48, 64];

export type StorageArea = 'nand' | 'tf';

export type BoxOp = 'line' | 'fillRect' | 'rect';

export type UartCommand =
  | { readonly op: 'handshake' | 'sleep' | 'refresh' | 'clear' }
  | { readonly op: 'storage'; readonly area: StorageArea }
  | { readonly op: 'colours'; readonly fg: Colour; readonly bg: Colour }
  | { readonly op: 'font'; readonly size: FontSize }
  | { readonly op: BoxOp; readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number }
  | { readonly op: 'text'; readonly x: number; readonly y: number; readonly text: string };

/** The longest string one text frame can carry within MAX_FRAME_BYTES (x, y and the NUL included). */
export const MAX_TEXT_BYTES = MAX_FRAME_BYTES - FRAME_OVERHEAD - 4 - 1;

function coord(v: number, limit: number, what: string): number[] {
  if (!Number.isInteger(v) || v < 0 || v >= limit) throw new RangeError(`${what} ${v} is off the ${PANEL_WIDTH}×${PANEL_HEIGHT} panel`);
  return [v >> 8, v & 0xff];
}

const xy = (x: number, y: number): number[] => [...coord(x, PANEL_WIDTH, 'x'), ...coord(y, PANEL_HEIGHT, 'y')];

/** Only printable ASCII goes out: the layout has already replaced everything else. */
function textBytes(text: string): number[] {
  if (text.length > MAX_TEXT_BYTES) throw new RangeError(`text of ${text.length} bytes exceeds ${MAX_TEXT_BYTES}`);
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) throw new RangeError(`text contains ${c.toString(16)} at ${i}; only printable ASCII is sent`);
    bytes.push(c);
  }
  return [...bytes, 0];
}

export function encodeCommand(c: UartCommand): Uint8Array {
  switch (c.op) {
    case 'handshake':
    case 'sleep':
    case 'refresh':
    case 'clear':
      return encodeFrame(CMD[c.op]);
    case 'storage':
      return encodeFrame(CMD.storage, [c.area === 'tf' ? 1 : 0]);
    case 'colours':
      return encodeFrame(CMD.colours, [COLOURS.indexOf(c.fg), COLOURS.indexOf(c.bg)]);
    case 'font':
      return encodeFrame(CMD.font, [FONTS.indexOf(c.size) + 1]);
    case 'line':
    case 'fillRect':
    case 'rect':
      return encodeFrame(CMD[c.op], [...xy(c.x0, c.y0), ...xy(c.x1, c.y1)]);
    case 'text':
      return encodeFrame(CMD.text, [...xy(c.x, c.y), ...textBytes(c.text)]);
  }
}

/** What the module answers to a well-framed command it cannot carry out ("Error:N"). */
export class CommandError extends Error {
  constructor(
    readonly code: 0 | 2,
    message: string,
  ) {
    super(message);
  }
}

const u16 = (d: Uint8Array, at: number): number => ((d[at] ?? 0) << 8) | (d[at + 1] ?? 0);

function expectLength(d: Uint8Array, n: number, what: string): void {
  if (d.length !== n) throw new CommandError(2, `${what} takes ${n} data bytes, got ${d.length}`);
}

/** The module's side: what a received frame asks for. Throws CommandError as the module would refuse it. */
export function decodeCommand(frame: Pick<DecodedFrame, 'cmd' | 'data'>): UartCommand {
  const d = frame.data;
  switch (frame.cmd) {
    case CMD.handshake:
    case CMD.sleep:
    case CMD.refresh:
    case CMD.clear: {
      const op = frame.cmd === CMD.handshake ? 'handshake' : frame.cmd === CMD.sleep ? 'sleep' : frame.cmd === CMD.refresh ? 'refresh' : 'clear';
      expectLength(d, 0, op);
      return { op };
    }
    case CMD.storage:
      expectLength(d, 1, 'storage');
      if ((d[0] ?? 9) > 1) throw new CommandError(2, `storage area ${d[0]} is neither 0 (NandFlash) nor 1 (TF)`);
      return { op: 'storage', area: d[0] === 1 ? 'tf' : 'nand' };
    case CMD.colours: {
      expectLength(d, 2, 'colours');
      const fg = COLOURS[d[0] ?? 9];
      const bg = COLOURS[d[1] ?? 9];
      if (!fg || !bg) throw new CommandError(2, `colour codes ${d[0]}, ${d[1]} outside 0..3`);
      return { op: 'colours', fg, bg };
    }
    case CMD.font: {
      expectLength(d, 1, 'font');
      const size = FONTS[(d[0] ?? 0) - 1];
      if (!size) throw new CommandError(2, `font code ${d[0]} outside 1..3`);
      return { op: 'font', size };
    }
    case CMD.line:
    case CMD.fillRect:
    case CMD.rect: {
      const op = frame.cmd === CMD.line ? 'line' : frame.cmd === CMD.fillRect ? 'fillRect' : 'rect';
      expectLength(d, 8, op);
      return { op, x0: u16(d, 0), y0: u16(d, 2), x1: u16(d, 4), y1: u16(d, 6) };
    }
    case CMD.text: {
      if (d.length < 5) throw new CommandError(2, `text takes x, y and a NUL-terminated string, got ${d.length} bytes`);
      const nul = d.indexOf(0, 4);
      if (nul !== d.length - 1) throw new CommandError(2, nul < 0 ? 'text is not NUL-terminated' : `text has a NUL at ${nul}, before its end`);
      return { op: 'text', x: u16(d, 0), y: u16(d, 2), text: String.fromCharCode(...d.slice(4, nul)) };
    }
    default:
      throw new CommandError(0, `unknown command 0x${frame.cmd.toString(16).padStart(2, '0')}`);
  }
}
