import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, MAX_FRAME_BYTES, type DecodeResult } from '../../../hardware/eink/uart/uart-frame.js';

const bytes = (r: Uint8Array): number[] => Array.from(r);
const reasons = (results: DecodeResult[]): string[] => results.map((r) => (r.ok ? `frame ${r.frame.cmd}` : r.rejection.reason));

// Tail CC^33^C3^3C is 0, so each XOR below is A5 ^ length bytes ^ command ^ data, worked by hand.
const HANDSHAKE = [0xa5, 0x00, 0x09, 0x00, 0xcc, 0x33, 0xc3, 0x3c, 0xac]; // A5^09 = AC
const REFRESH = [0xa5, 0x00, 0x09, 0x0a, 0xcc, 0x33, 0xc3, 0x3c, 0xa6]; // A5^09^0A = A6
const COLOURS = [0xa5, 0x00, 0x0b, 0x10, 0x00, 0x03, 0xcc, 0x33, 0xc3, 0x3c, 0xbd]; // A5^0B^10^03 = BD

describe('encodeFrame', () => {
  it('builds the handshake of the module manual byte for byte', () => {
    expect(bytes(encodeFrame(0x00))).toEqual(HANDSHAKE);
  });

  it('counts the whole frame in the big-endian length and XORs every byte before the last', () => {
    expect(bytes(encodeFrame(0x0a))).toEqual(REFRESH);
    expect(bytes(encodeFrame(0x10, [0x00, 0x03]))).toEqual(COLOURS);
  });

  it('refuses frames beyond the vendor library’s 512-byte buffer and non-byte commands', () => {
    expect(encodeFrame(0x30, new Uint8Array(MAX_FRAME_BYTES - 9)).length).toBe(MAX_FRAME_BYTES);
    expect(() => encodeFrame(0x30, new Uint8Array(MAX_FRAME_BYTES - 8))).toThrow(RangeError);
    expect(() => encodeFrame(0x100)).toThrow(RangeError);
  });
});

describe('FrameDecoder', () => {
  it('decodes frames split across chunks and back to back', () => {
    const d = new FrameDecoder();
    expect(d.push(Uint8Array.from(HANDSHAKE.slice(0, 4)))).toEqual([]);
    expect(d.pending).toBe(4);
    const out = d.push(Uint8Array.from([...HANDSHAKE.slice(4), ...COLOURS]));
    expect(reasons(out)).toEqual(['frame 0', 'frame 16']);
    const colours = out[1];
    expect(colours?.ok && bytes(colours.frame.data)).toEqual([0x00, 0x03]);
    expect(d.pending).toBe(0);
  });

  it('rejects a bad XOR and goes on with the next frame', () => {
    const bad = [...REFRESH.slice(0, 8), 0xa7];
    const out = new FrameDecoder().push(Uint8Array.from([...bad, ...HANDSHAKE]));
    expect(reasons(out)).toEqual(['bad-checksum', 'frame 0']);
    const first = out[0];
    expect(first && !first.ok && first.rejection.detail).toBe('XOR byte A7, should be A6');
  });

  it('rejects a bad terminator and resyncs at the next header', () => {
    const bad = [0xa5, 0x00, 0x09, 0x0a, 0xcc, 0x33, 0xc3, 0x3d, 0xa7];
    const out = new FrameDecoder().push(Uint8Array.from([...bad, ...REFRESH]));
    expect(reasons(out)).toEqual(['bad-terminator', 'frame 10']);
  });

  it('rejects a length field shorter than a frame or longer than the module takes', () => {
    const tooShort = [0xa5, 0x00, 0x05, 0x0a];
    const tooLong = [0xa5, 0x02, 0x01, 0x30];
    const out = new FrameDecoder().push(Uint8Array.from([...tooShort, ...tooLong, ...HANDSHAKE]));
    expect(reasons(out)).toEqual(['bad-length', 'bad-length', 'frame 0']);
  });

  it('rejects a frame whose length field does not match where its tail is', () => {
    // Claims 10 bytes but carries a 9-byte frame: byte 5..8 is not the tail.
    const wrong = [0xa5, 0x00, 0x0a, 0x0a, 0xcc, 0x33, 0xc3, 0x3c, 0xa6, 0x00];
    const out = new FrameDecoder().push(Uint8Array.from([...wrong, ...HANDSHAKE]));
    expect(reasons(out)).toEqual(['bad-terminator', 'frame 0']);
  });

  it('skips garbage before, between and after frames', () => {
    const d = new FrameDecoder();
    const out = d.push(Uint8Array.from([0x00, 0xff, 0x13, ...HANDSHAKE, 0x42, ...REFRESH, 0x01]));
    expect(reasons(out)).toEqual(['garbage', 'frame 0', 'garbage', 'frame 10', 'garbage']);
    const first = out[0];
    expect(first && !first.ok && bytes(first.rejection.bytes)).toEqual([0x00, 0xff, 0x13]);
  });

  it('gives up a frame the line left unfinished, keeping what follows its start', () => {
    const d = new FrameDecoder();
    // A stray A5 with a plausible length would make it wait for 256 bytes.
    expect(d.push(Uint8Array.from([0xa5, 0x01, 0x00, ...HANDSHAKE]))).toEqual([]);
    expect(reasons(d.idle())).toEqual(['incomplete', 'frame 0']);
    expect(d.pending).toBe(0);
  });
});
