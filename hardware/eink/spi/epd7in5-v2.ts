import type { Frame, Window } from '../frame.js';
import { EpdBase, type EpdDriverOptions, inverted } from './epd-driver.js';
import { windowBytes } from '../frame.js';

/**
 * Waveshare 7.5" V2 (800×480, UC8179-class controller; BUSY low while busy).
 *
 * Byte sequences: waveshareteam/e-Paper at 86aa9932 (2026-03-06),
 * RaspberryPi_JetsonNano/python/lib/waveshare_epd/epd7in5_V2.py — `reset`, `ReadBusy`, `init`,
 * `init_part`, `display`, `display_Partial`, `sleep`. Where this driver departs from them, the
 * comment at that spot says why.
 *
 * Data polarity: our frames are 1 = white. In full mode (VCOM/data interval 0x50 = 10 07) the
 * "new" plane 0x13 reads 1 = black, so the vendor sends the picture inverted there and as is to
 * the "old" plane 0x10. Partial mode sets 0x50 = A9 07, which flips the new plane to 1 = white.
 */
export class Epd7in5V2 extends EpdBase {
  constructor(options: EpdDriverOptions) {
    super(options, {
      model: '7in5_V2',
      description: 'Waveshare 7.5in V2',
      width: 800,
      height: 480,
      busyWhenHigh: false,
      settleBeforePowerOffMs: 2000,
    });
  }

  protected async initFull(): Promise<void> {
    const l = this.link;
    await l.reset(20, 2, 20);
    l.command(0x06, [0x17, 0x17, 0x28, 0x17]);
    l.command(0x01, [0x07, 0x07, 0x28, 0x17]);
    await this.powerOn();
    l.command(0x00, [0x1f]);
    l.command(0x61, [0x03, 0x20, 0x01, 0xe0]);
    l.command(0x15, [0x00]);
    l.command(0x50, [0x10, 0x07]);
    l.command(0x60, [0x22]);
  }

  /** `init_part`: always from a reset, since the full init's booster and VCOM settings must not carry over. */
  protected async initPartial(): Promise<void> {
    const l = this.link;
    await l.reset(20, 2, 20);
    l.command(0x00, [0x1f]);
    await this.powerOn();
    l.command(0xe0, [0x02]);
    l.command(0xe5, [0x6e]);
  }

  protected async sendFull(frame: Frame): Promise<void> {
    this.link.command(0x10, frame.data);
    this.link.command(0x13, inverted(frame.data));
    await this.refresh('a full refresh (0x12)');
  }

  protected async sendPartial(frame: Frame, previous: Frame, w: Window): Promise<void> {
    const l = this.link;
    const xEnd = w.x + w.width - 1;
    const yEnd = w.y + w.height - 1;
    l.command(0x50, [0xa9, 0x07]);
    l.command(0x91);
    l.command(0x90, [w.x >> 8, w.x & 0xff, xEnd >> 8, xEnd & 0xff, w.y >> 8, w.y & 0xff, yEnd >> 8, yEnd & 0xff, 0x01]);
    // Not in the vendor's display_Partial, which trusts the old plane to still hold the last
    // picture. The panel deep-sleeps between draws and nothing promises that RAM survives, so
    // the window's previous content is sent again; the controller compares old with new.
    l.command(0x10, windowBytes(previous, w));
    l.command(0x13, windowBytes(frame, w));
    await this.refresh('a partial refresh (0x12)');
    // The vendor never sends partial-out (0x92); the next full refresh starts from a reset anyway.
  }

  protected async enterDeepSleep(): Promise<void> {
    this.link.command(0x50, [0xf7]);
    this.link.command(0x02);
    await this.waitIdle('power off (0x02)');
    this.link.command(0x07, [0xa5]);
  }

  private async powerOn(): Promise<void> {
    this.link.command(0x04);
    await this.link.delay(100);
    await this.waitIdle('power on (0x04)');
  }

  private async refresh(what: string): Promise<void> {
    this.link.command(0x12);
    // The vendor notes the controller needs at least 200 µs before BUSY is valid.
    await this.link.delay(100);
    await this.waitIdle(what);
  }

  /** `ReadBusy`: BUSY on this controller only updates after a get-status command (0x71). */
  private async waitIdle(after: string): Promise<void> {
    await this.link.waitIdle(after, () => this.link.command(0x71));
    await this.link.delay(20);
  }
}
