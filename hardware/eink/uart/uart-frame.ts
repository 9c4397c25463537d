/**
 * Framing of the Waveshare 4.3" UART e-paper module (800×600, draws with primitives).
 *
 *   A5 | length (2 bytes, big-endian, the whole frame) | command | data | CC 33 C3 3C | XOR
 *
 * Verified, and where (byte layouts are protocol facts; no code was taken from these):
 * - Header A5, tail CC 33 C3 3C, the length counting the whole frame (9 bytes with no data),
 *   big-endian 16-bit length and coordinates, the last byte = XOR of every byte before it:
 *   Waveshare's own Arduino library `epd.c` (© WaveShare 2014, as vendored in public repos,
 *   found by `find_string` "0xCC, 0x33, 0xC3, 0x3C"), fstanis/epaper `frame.go` (Go) and the
 *   `epd-waveshare-uart` crate's `epd4in3/command.rs` (docs.rs) agree on all of it.
 * - Handshake `A5 00 09 00 CC 33 C3 3C AC`: the XOR worked by hand (A5^09^CC^33^C3^3C = AC).
 * - 115200 8N1 at power-up: the vendor library opens the port at 115200, SERIAL_8N1.
 *
 * Not verified: the module's receive-buffer size. The vendor library builds every frame in a
 * 512-byte buffer (CMD_SIZE 512), the Rust crate allows 1033 bytes; we stay within the vendor's
 * 512, which nothing we send comes near (the longest text frame is ~64 bytes).
 */

export const FRAME_HEADER = 0xa5;
export const FRAME_TAIL: readonly number[] = [0xcc, 0x33, 0xc3, 0x3c];
/** Header, two length bytes, command, the four tail bytes and the XOR. */
export const FRAME_OVERHEAD = 9;
export const MAX_FRAME_BYTES = 512;

export function xorOf(bytes: Uint8Array, end = bytes.length): number {
  let x = 0;
  for (let i = 0; i < end; i++) x ^= bytes[i] ?? 0;
  return x;
}

export function encodeFrame(cmd: number, data: Uint8Array | readonly number[] = []): Uint8Array {
  if (!Number.isInteger(cmd) || cmd < 0 || cmd > 0xff) throw new RangeError(`command ${cmd} is not a byte`);
  const length = FRAME_OVERHEAD + data.length;
  if (length > MAX_FRAME_BYTES) throw new RangeError(`frame of ${length} bytes exceeds ${MAX_FRAME_BYTES}`);
  const frame = new Uint8Array(length);
  frame[0] = FRAME_HEADER;
  frame[1] = length >> 8;
  frame[2] = length & 0xff;
  frame[3] = cmd;
  frame.set(data, 4);
  frame.set(FRAME_TAIL, 4 + data.length);
  frame[length - 1] = xorOf(frame, length - 1);
  return frame;
}

export interface DecodedFrame {
  readonly cmd: number;
  readonly data: Uint8Array;
  /** The whole frame as received. */
  readonly bytes: Uint8Array;
}

export type FrameRejectReason = 'garbage' | 'bad-length' | 'bad-terminator' | 'bad-checksum' | 'incomplete';

export interface FrameRejection {
  readonly reason: FrameRejectReason;
  /** The bytes thrown away. */
  readonly bytes: Uint8Array;
  readonly detail: string;
}

export type DecodeResult =
  | { readonly ok: true; readonly frame: DecodedFrame }
  | { readonly ok: false; readonly rejection: FrameRejection };

const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/**
 * Splits a byte stream into frames. Whatever cannot be a frame is rejected with a reason and
 * skipped up to the next A5, so one corrupt frame never swallows the ones behind it.
 */
export class FrameDecoder {
  private buf = new Uint8Array(0);

  /** Bytes held back waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  push(chunk: Uint8Array): DecodeResult[] {
    const next = new Uint8Array(this.buf.length + chunk.length);
    next.set(this.buf);
    next.set(chunk, this.buf.length);
    this.buf = next;
    return this.drain();
  }

  /**
   * The line went quiet with part of a frame held back. A length byte hit by noise could
   * otherwise make the decoder wait for bytes that never come; dropping the start byte lets
   * it resync on what is already there.
   */
  idle(): DecodeResult[] {
    if (this.buf.length === 0) return [];
    const first = this.reject('incomplete', `line idle with ${this.buf.length} bytes of an unfinished frame`);
    return [first, ...this.drain()];
  }

  reset(): void {
    this.buf = new Uint8Array(0);
  }

  private drain(): DecodeResult[] {
    const out: DecodeResult[] = [];
    while (this.buf.length > 0) {
      const b = this.buf;
      if (b[0] !== FRAME_HEADER) {
        const start = b.indexOf(FRAME_HEADER);
        const end = start < 0 ? b.length : start;
        out.push({ ok: false, rejection: { reason: 'garbage', bytes: b.slice(0, end), detail: `${end} bytes outside any frame` } });
        this.buf = b.slice(end);
        continue;
      }
      if (b.length < 3) break;
      const length = ((b[1] ?? 0) << 8) | (b[2] ?? 0);
      if (length < FRAME_OVERHEAD || length > MAX_FRAME_BYTES) {
        out.push(this.reject('bad-length', `length field ${length} outside ${FRAME_OVERHEAD}..${MAX_FRAME_BYTES}`));
        continue;
      }
      if (b.length < length) break;
      const tailAt = length - 5;
      if (FRAME_TAIL.some((t, i) => b[tailAt + i] !== t)) {
        const got = Array.from(b.slice(tailAt, tailAt + 4), hex).join(' ');
        out.push(this.reject('bad-terminator', `expected CC 33 C3 3C at byte ${tailAt}, got ${got}`));
        continue;
      }
      const expected = xorOf(b, length - 1);
      const frameBytes = b.slice(0, length);
      this.buf = b.slice(length);
      if (b[length - 1] !== expected) {
        const detail = `XOR byte ${hex(b[length - 1] ?? 0)}, should be ${hex(expected)}`;
        out.push({ ok: false, rejection: { reason: 'bad-checksum', bytes: frameBytes, detail } });
        continue;
      }
      out.push({ ok: true, frame: { cmd: b[3] ?? 0, data: frameBytes.slice(4, length - 5), bytes: frameBytes } });
    }
    return out;
  }

  /** Drops the start byte and everything up to the next possible start. */
  private reject(reason: FrameRejectReason, detail: string): DecodeResult {
    const next = this.buf.indexOf(FRAME_HEADER, 1);
    const end = next < 0 ? this.buf.length : next;
    const bytes = this.buf.slice(0, end);
    this.buf = this.buf.slice(end);
    return { ok: false, rejection: { reason, bytes, detail } };
  }
}
