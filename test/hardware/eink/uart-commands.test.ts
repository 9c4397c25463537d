import { describe, expect, it } from 'vitest';
import { CommandError, decodeCommand, encodeCommand, type UartCommand } from '../../../hardware/eink/uart/uart-commands.js';
import { FrameDecoder } from '../../../hardware/eink/uart/uart-frame.js';

const bytes = (c: UartCommand): number[] => Array.from(encodeCommand(c));
const TAIL = [0xcc, 0x33, 0xc3, 0x3c];

describe('encodeCommand', () => {
  it('sends the fixed frames with their hand-worked XOR', () => {
    expect(bytes({ op: 'handshake' })).toEqual([0xa5, 0x00, 0x09, 0x00, ...TAIL, 0xac]);
    expect(bytes({ op: 'refresh' })).toEqual([0xa5, 0x00, 0x09, 0x0a, ...TAIL, 0xa6]); // A5^09^0A
    expect(bytes({ op: 'sleep' })).toEqual([0xa5, 0x00, 0x09, 0x08, ...TAIL, 0xa4]); // A5^09^08
    expect(bytes({ op: 'clear' })).toEqual([0xa5, 0x00, 0x09, 0x2e, ...TAIL, 0x82]); // A5^09^2E
    expect(bytes({ op: 'storage', area: 'nand' })).toEqual([0xa5, 0x00, 0x0a, 0x07, 0x00, ...TAIL, 0xa8]); // A5^0A^07
  });

  it('codes colours 0 black … 3 white and fonts 32/48/64 as 1/2/3', () => {
    expect(bytes({ op: 'colours', fg: 'black', bg: 'white' })).toEqual([0xa5, 0x00, 0x0b, 0x10, 0x00, 0x03, ...TAIL, 0xbd]);
    expect(bytes({ op: 'font', size: 48 })).toEqual([0xa5, 0x00, 0x0a, 0x1e, 0x02, ...TAIL, 0xb3]); // A5^0A^1E^02
  });

  it('sends coordinates big-endian, the filled rectangle as 0x24', () => {
    // (10, 20)–(300, 599): 00 0A 00 14 01 2C 02 57; A5^11^24^0A^14^01^2C^02^57 = F6.
    expect(bytes({ op: 'fillRect', x0: 10, y0: 20, x1: 300, y1: 599 })).toEqual([
      0xa5, 0x00, 0x11, 0x24, 0x00, 0x0a, 0x00, 0x14, 0x01, 0x2c, 0x02, 0x57, ...TAIL, 0xf6,
    ]);
    // (24, 355)–(776, 355): A5^11^22^18^01^63^03^08^01^63 = 85.
    expect(bytes({ op: 'line', x0: 24, y0: 355, x1: 776, y1: 355 })).toEqual([
      0xa5, 0x00, 0x11, 0x22, 0x00, 0x18, 0x01, 0x63, 0x03, 0x08, 0x01, 0x63, ...TAIL, 0x85,
    ]);
    expect(bytes({ op: 'rect', x0: 0, y0: 0, x1: 799, y1: 599 })[3]).toBe(0x25);
  });

  it('sends text as x, y and the NUL-terminated ASCII string', () => {
    // "Hi" at (24, 20), 16 bytes: A5^10^30^18^14^48^69 = A8.
    expect(bytes({ op: 'text', x: 24, y: 20, text: 'Hi' })).toEqual([
      0xa5, 0x00, 0x10, 0x30, 0x00, 0x18, 0x00, 0x14, 0x48, 0x69, 0x00, ...TAIL, 0xa8,
    ]);
  });

  it('refuses what the module must never see: off-panel points, NULs, non-ASCII', () => {
    expect(() => bytes({ op: 'fillRect', x0: 0, y0: 0, x1: 800, y1: 10 })).toThrow(RangeError);
    expect(() => bytes({ op: 'line', x0: 0, y0: -1, x1: 1, y1: 1 })).toThrow(RangeError);
    expect(() => bytes({ op: 'text', x: 0, y: 0, text: 'a\0b' })).toThrow(RangeError);
    expect(() => bytes({ op: 'text', x: 0, y: 0, text: 'café' })).toThrow(RangeError);
    expect(() => bytes({ op: 'text', x: 0, y: 0, text: 'x'.repeat(499) })).toThrow(RangeError);
  });
});

describe('decodeCommand', () => {
  const decode = (frame: Uint8Array): UartCommand => {
    const [r] = new FrameDecoder().push(frame);
    if (!r?.ok) throw new Error('not a frame');
    return decodeCommand(r.frame);
  };

  it('reads back every command it encodes', () => {
    const all: UartCommand[] = [
      { op: 'handshake' },
      { op: 'storage', area: 'tf' },
      { op: 'sleep' },
      { op: 'refresh' },
      { op: 'clear' },
      { op: 'colours', fg: 'white', bg: 'black' },
      { op: 'font', size: 64 },
      { op: 'line', x0: 1, y0: 2, x1: 799, y1: 599 },
      { op: 'fillRect', x0: 300, y0: 256, x1: 301, y1: 257 },
      { op: 'rect', x0: 0, y0: 0, x1: 10, y1: 10 },
      { op: 'text', x: 700, y: 500, text: 'Room ~ [4]' },
    ];
    for (const c of all) expect(decode(encodeCommand(c))).toEqual(c);
  });

  it('answers like the module: 0 for an unknown command, 2 for bad arguments', () => {
    const error = (cmd: number, data: number[]): number | undefined => {
      try {
        decodeCommand({ cmd, data: Uint8Array.from(data) });
      } catch (err) {
        return err instanceof CommandError ? err.code : undefined;
      }
      return undefined;
    };
    expect(error(0x99, [])).toBe(0);
    expect(error(0x10, [0x00])).toBe(2);
    expect(error(0x10, [0x04, 0x00])).toBe(2);
    expect(error(0x1e, [0x04])).toBe(2);
    expect(error(0x24, [0, 0, 0, 0])).toBe(2);
    expect(error(0x30, [0, 0, 0, 0, 0x41])).toBe(2);
    expect(error(0x30, [0, 0, 0, 0, 0x41, 0, 0x42, 0])).toBe(2);
  });
});
