import type { Frame, Window } from '../frame.js';
import { EpdBase, type EpdDriverOptions } from './epd-driver.js';
import { windowBytes } from '../frame.js';

/**
 * Waveshare 4.2" V2 (400×300, SSD1683-class controller; BUSY high while busy). RAM 0x24 holds
 * the new picture, 0x26 the previous one; both read 1 = white, like our frames.
 *
 * Byte sequences: waveshareteam/e-Paper at 86aa9932 (2026-03-06),
 * RaspberryPi_JetsonNano/python/lib/waveshare_epd/epd4in2_V2.py — `reset`, `ReadBusy`, `init`,
 * `display`, `TurnOnDisplay`, `TurnOnDisplay_Partial`, `sleep` — and, for the windowed partial
 * refresh, RaspberryPi_JetsonNano/c/lib/e-Paper/EPD_4in2_V2.c `EPD_4IN2_V2_PartialDisplay`,
 * `SetWindows`, `SetCursor` (the Python `display_Partial` always sends the whole screen).
 */
export class Epd4in2V2 extends EpdBase {
  constructor(options: EpdDriverOptions) {
    super(options, {
      model: '4in2_V2',
      description: 'Waveshare 4.2in V2',
      width: 400,
      height: 300,
      busyWhenHigh: true,
      settleBeforePowerOffMs: 2000,
    });
  }

  protected async initFull(): Promise<void> {
    const l = this.link;
    await l.reset(100, 2, 100);
    await l.waitIdle('the hardware reset');
    l.command(0x12);
    await l.waitIdle('the software reset (0x12)');
    l.command(0x21, [0x40, 0x00]);
    l.command(0x3c, [0x05]);
    l.command(0x11, [0x03]);
    l.command(0x44, [0x00, 0x31]);
    l.command(0x45, [0x00, 0x00, 0x2b, 0x01]);
    l.command(0x4e, [0x00]);
    l.command(0x4f, [0x00, 0x00]);
    await l.waitIdle('the init sequence');
  }

  /** The partial sequence sets its own update mode and border, so any awake controller will do. */
  protected async initPartial(from: 'off' | 'full' | 'partial'): Promise<void> {
    if (from === 'off') await this.initFull();
  }

  protected async sendFull(frame: Frame): Promise<void> {
    // One pass each: the address counter wraps back to the window's start after the last byte.
    this.link.command(0x24, frame.data);
    this.link.command(0x26, frame.data);
    await this.update(0xf7, 'a full refresh (0x22 F7, 0x20)');
  }

  protected async sendPartial(frame: Frame, previous: Frame, w: Window): Promise<void> {
    const l = this.link;
    // The vendor sends the border setting twice around 0x21; kept as sent.
    l.command(0x3c, [0x80]);
    l.command(0x21, [0x00, 0x00]);
    l.command(0x3c, [0x80]);
    const xFirst = w.x / 8;
    const xLast = (w.x + w.width) / 8 - 1;
    const yLast = w.y + w.height - 1;
    l.command(0x44, [xFirst, xLast]);
    l.command(0x45, [w.y & 0xff, w.y >> 8, yLast & 0xff, yLast >> 8]);
    // Not in the vendor code: the "previous" RAM is rewritten with what the panel shows, since
    // the vendor never refreshes it after a partial update and the differential waveform
    // compares against it.
    this.cursor(xFirst, w.y);
    l.command(0x26, windowBytes(previous, w));
    this.cursor(xFirst, w.y);
    l.command(0x24, windowBytes(frame, w));
    await this.update(0xff, 'a partial refresh (0x22 FF, 0x20)');
  }

  protected async enterDeepSleep(): Promise<void> {
    // Mode 1 keeps RAM; the vendor's choice.
    this.link.command(0x10, [0x01]);
  }

  /** The RAM X counter counts bytes; the vendor C's SetCursor sends pixels, which only works at x = 0. */
  private cursor(xByte: number, y: number): void {
    this.link.command(0x4e, [xByte]);
    this.link.command(0x4f, [y & 0xff, y >> 8]);
  }

  private async update(sequence: number, what: string): Promise<void> {
    this.link.command(0x22, [sequence]);
    this.link.command(0x20);
    await this.link.waitIdle(what);
  }
}
