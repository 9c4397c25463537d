import { describe, expect, it } from 'vitest';
import { SimulatedGpio } from '../../../hardware/gpio/simulated-gpio.js';
import { blankFrame, isBlack, setBlack, type Frame } from '../../../hardware/eink/frame.js';
import { Epd4in2V2 } from '../../../hardware/eink/spi/epd4in2-v2.js';
import { Epd7in5V2 } from '../../../hardware/eink/spi/epd7in5-v2.js';
import { EpdBusyTimeoutError, type EpdDriver, type EpdModel, type EpdTiming } from '../../../hardware/eink/spi/epd-driver.js';
import { SimulatedEpd, type SimulatedBusyMs, type SpiLogEntry } from '../../../hardware/eink/spi/simulated-epd.js';
import type { SpiBus } from '../../../hardware/eink/spi/spi-bus.js';
import { ManualClock } from '../../helpers/manual-clock.js';

// A log entry as [kind, ...bytes]: 'C' = written with DC low (command), 'D' = DC high (data).
type Wire = [kind: 'C' | 'D', ...bytes: number[]];
const C = (cmd: number): Wire => ['C', cmd];
const D = (...bytes: number[]): Wire => ['D', ...bytes];
const wire = (entries: readonly SpiLogEntry[]): Wire[] => entries.map((e) => [e.dc ? 'D' : 'C', ...e.bytes]);

/** Driver and simulated panel on one manual clock: the driver's sleeps move time, which ends the panel's BUSY. */
function rig(model: EpdModel, busyMs: Partial<SimulatedBusyMs> = {}, timing: Partial<EpdTiming> = {}) {
  const clock = new ManualClock(0);
  const gpio = new SimulatedGpio();
  const sleeps: number[] = [];
  const panel = new SimulatedEpd({
    model,
    gpio,
    schedule: (ms, fn) => clock.at(clock.now() + ms, fn),
    // Below the vendor's 100 ms pause after power-on and refresh, so exactly one status poll follows each.
    busyMs: { reset: 5, power: 40, fullRefresh: 60, partialRefresh: 50, ...busyMs },
  });
  const fake: EpdTiming = {
    now: () => clock.now(),
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advanceBy(ms);
    },
    busyTimeoutMs: 5000,
    pollMs: 10,
    ...timing,
  };
  /** BUSY's physical level, DC and the first byte at every write, seen from the header. */
  const writes: Array<{ busyPin: boolean | null; dc: boolean | null; first: number | undefined }> = [];
  const bus: SpiBus = {
    write: (bytes) => {
      writes.push({ busyPin: gpio.level(24), dc: gpio.level(25), first: bytes[0] });
      panel.write(bytes);
    },
    close: () => panel.close(),
  };
  const options = { bus, gpio, timing: fake };
  const driver: EpdDriver = model === '7in5_V2' ? new Epd7in5V2(options) : new Epd4in2V2(options);
  /** Log entries written from now on. */
  const mark = () => {
    const start = panel.log.length;
    return () => panel.log.slice(start);
  };
  return { clock, gpio, panel, driver, sleeps, mark, writes };
}

function frameWithBox(width: number, height: number, x0: number, y0: number, x1: number, y1: number, base?: Frame): Frame {
  const f = base ? { width, height, data: base.data.slice() } : blankFrame(width, height);
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) setBlack(f, x, y, true);
  return f;
}

/** `base` with `top`'s pixels in the window widened to whole bytes: what a partial refresh must leave. */
function pasteAligned(base: Frame, top: Frame, x0: number, y0: number, x1: number, y1: number): Frame {
  const out = { width: base.width, height: base.height, data: base.data.slice() };
  const left = Math.floor(x0 / 8) * 8;
  const right = Math.ceil((x1 + 1) / 8) * 8 - 1;
  for (let y = y0; y <= y1; y++) for (let x = left; x <= right; x++) setBlack(out, x, y, isBlack(top, x, y));
  return out;
}

const pinWrites = (gpio: SimulatedGpio, pin: number) => gpio.writes.filter((w) => w.pin === pin).map((w) => w.level);

describe('Waveshare 7.5in V2 driver against the simulated panel', () => {
  it('resets, powers the HAT and sends the vendor init sequence byte for byte', async () => {
    const { driver, panel, gpio, sleeps } = rig('7in5_V2');
    await driver.init();

    expect(pinWrites(gpio, 18)).toEqual([false, true]);
    // Claimed low, then the vendor's pulse: high 20 ms, low 2 ms, high 20 ms.
    expect(pinWrites(gpio, 17)).toEqual([false, true, false, true]);
    expect(sleeps.slice(0, 3)).toEqual([20, 2, 20]);
    expect(wire(panel.log)).toEqual([
      C(0x06), D(0x17, 0x17, 0x28, 0x17),
      C(0x01), D(0x07, 0x07, 0x28, 0x17),
      C(0x04), C(0x71),
      C(0x00), D(0x1f),
      C(0x61), D(0x03, 0x20, 0x01, 0xe0),
      C(0x15), D(0x00),
      C(0x50), D(0x10, 0x07),
      C(0x60), D(0x22),
    ]);
    // 100 ms after power-on before reading BUSY, 20 ms after it let go.
    expect(sleeps.slice(3)).toEqual([100, 20]);
    expect(panel.errors).toEqual([]);
  });

  it('sends a full frame as old = picture, new = inverted picture, then refreshes; 96,000 data bytes', async () => {
    const { driver, panel, mark } = rig('7in5_V2');
    await driver.init();
    const frame = frameWithBox(800, 480, 100, 50, 299, 149);
    const since = mark();
    const sent = await driver.displayFull(frame);
    const log = since();

    expect(log.map((e) => [e.dc, e.bytes.length])).toEqual([
      [false, 1], [true, 48_000], [false, 1], [true, 48_000], [false, 1], [false, 1],
    ]);
    expect(wire([log[0]!, log[2]!, log[4]!, log[5]!])).toEqual([C(0x10), C(0x13), C(0x12), C(0x71)]);
    expect(log[1]!.bytes).toEqual(frame.data);
    const inverted = new Uint8Array(48_000);
    for (let i = 0; i < inverted.length; i++) inverted[i] = 0xff ^ frame.data[i]!;
    expect(log[3]!.bytes).toEqual(inverted);
    // 0x10, 0x13, 0x12 and one status poll around 2 × 48,000 data bytes.
    expect(sent).toBe(96_004);
    expect(panel.image()).toEqual(frame);
    expect(panel.refreshes).toEqual({ full: 1, partial: 0 });
    expect(panel.errors).toEqual([]);
  });

  it('does a partial refresh through init_part, 0x91, a byte-aligned 0x90 window, old and new window data and 0x12', async () => {
    const { driver, panel, gpio, mark } = rig('7in5_V2');
    const before = blankFrame(800, 480);
    await driver.displayFull(before);
    const after = frameWithBox(800, 480, 13, 10, 33, 14);
    const rstBefore = pinWrites(gpio, 17).length;
    const since = mark();
    const sent = await driver.displayPartial(after, { x: 13, y: 10, width: 21, height: 5 });

    // init_part starts with its own reset pulse.
    expect(pinWrites(gpio, 17).slice(rstBefore)).toEqual([true, false, true]);
    const row = [0xf8, 0x00, 0x00, 0x3f]; // x 8..39: pixels 13..33 black
    expect(wire(since())).toEqual([
      C(0x00), D(0x1f),
      C(0x04), C(0x71),
      C(0xe0), D(0x02),
      C(0xe5), D(0x6e),
      C(0x50), D(0xa9, 0x07),
      C(0x91),
      // x 8..39, y 10..14, then the vendor's trailing 0x01
      C(0x90), D(0x00, 0x08, 0x00, 0x27, 0x00, 0x0a, 0x00, 0x0e, 0x01),
      C(0x10), D(...new Array<number>(20).fill(0xff)),
      C(0x13), D(...row, ...row, ...row, ...row, ...row),
      C(0x12), C(0x71),
    ]);
    expect(sent).toBe(since().reduce((n, e) => n + e.bytes.length, 0));
    expect(panel.image()).toEqual(after);
    expect(panel.refreshes).toEqual({ full: 1, partial: 1 });
    expect(panel.errors).toEqual([]);
  });

  it('puts the high bytes of x and y first in the 0x90 window', async () => {
    const { driver, mark } = rig('7in5_V2');
    await driver.displayFull(blankFrame(800, 480));
    const since = mark();
    await driver.displayPartial(frameWithBox(800, 480, 795, 470, 799, 479), { x: 795, y: 470, width: 5, height: 10 });
    const window = wire(since()).findIndex((w) => w[0] === 'C' && w[1] === 0x90);
    // x 792..799 = 0x318..0x31F, y 470..479 = 0x1D6..0x1DF
    expect(wire(since())[window + 1]).toEqual(D(0x03, 0x18, 0x03, 0x1f, 0x01, 0xd6, 0x01, 0xdf, 0x01));
  });

  it('keeps the old picture outside the window and shows the new one inside', async () => {
    const { driver, panel } = rig('7in5_V2');
    const first = frameWithBox(800, 480, 0, 0, 399, 239);
    await driver.displayFull(first);
    // The new frame differs outside the window too: that part must not reach the glass.
    const second = frameWithBox(800, 480, 600, 300, 700, 400, blankFrame(800, 480));
    await driver.displayPartial(second, { x: 600, y: 300, width: 101, height: 101 });

    const expected = frameWithBox(800, 480, 600, 300, 700, 400, first);
    // The window widened to x 600..703; in `second` that strip is white except the box.
    expect(panel.image()).toEqual(expected);
    expect(panel.errors).toEqual([]);
  });

  it('draws a correct partial after deep sleep, when the controller RAM no longer holds the last picture', async () => {
    const { driver, panel } = rig('7in5_V2');
    const first = frameWithBox(800, 480, 0, 0, 799, 99);
    await driver.displayFull(first);
    await driver.sleep();
    expect(panel.asleep).toBe(true);
    const second = frameWithBox(800, 480, 0, 50, 799, 149);
    await driver.displayPartial(second, { x: 0, y: 0, width: 800, height: 150 });
    expect(panel.image()).toEqual(second);
    expect(panel.asleep).toBe(false);
    expect(panel.errors).toEqual([]);
  });

  it('goes back to the full init before a full refresh that follows partial ones', async () => {
    const { driver, panel, mark } = rig('7in5_V2');
    await driver.displayFull(blankFrame(800, 480));
    await driver.displayPartial(frameWithBox(800, 480, 0, 0, 7, 7), { x: 0, y: 0, width: 8, height: 8 });
    const since = mark();
    const last = frameWithBox(800, 480, 400, 0, 799, 479);
    await driver.displayFull(last);
    expect(wire(since().slice(0, 4))).toEqual([C(0x06), D(0x17, 0x17, 0x28, 0x17), C(0x01), D(0x07, 0x07, 0x28, 0x17)]);
    expect(panel.image()).toEqual(last);
    expect(panel.refreshes).toEqual({ full: 2, partial: 1 });
    expect(panel.errors).toEqual([]);
  });

  it('sends the vendor sleep sequence and leaves the panel asleep', async () => {
    const { driver, panel, mark } = rig('7in5_V2');
    await driver.displayFull(blankFrame(800, 480));
    const since = mark();
    await driver.sleep();
    // Power-off holds BUSY 40 ms here; the vendor polls right away, so four busy polls and an idle one.
    expect(wire(since())).toEqual([C(0x50), D(0xf7), C(0x02), C(0x71), C(0x71), C(0x71), C(0x71), C(0x71), C(0x07), D(0xa5)]);
    expect(panel.asleep).toBe(true);
    expect(panel.errors).toEqual([]);
  });

  it('sends nothing but status polls while BUSY is asserted, and waits it out', async () => {
    const { driver, panel, writes } = rig('7in5_V2', { power: 250, fullRefresh: 700, partialRefresh: 400 });
    await driver.displayFull(frameWithBox(800, 480, 10, 10, 20, 20));
    await driver.displayPartial(frameWithBox(800, 480, 30, 30, 40, 40), { x: 30, y: 30, width: 11, height: 11 });
    await driver.sleep();

    // 7.5in V2: BUSY low = busy.
    const whileBusy = writes.filter((w) => w.busyPin === false);
    // Power-on twice, power-off, two refreshes: the driver polled through every one of them.
    expect(whileBusy.length).toBeGreaterThan(100);
    expect(whileBusy.every((w) => w.dc === false && w.first === 0x71)).toBe(true);
    expect(panel.refreshes).toEqual({ full: 1, partial: 1 });
    expect(panel.errors).toEqual([]);
  });

  it('gives up on a stuck BUSY with a message that says what to check', async () => {
    const clock = new ManualClock(0);
    const gpio = new SimulatedGpio();
    gpio.drive(24, false); // 7.5in V2: low = busy, for ever
    const sent: number[][] = [];
    const bus: SpiBus = { write: (b) => void sent.push([...b]), close: () => undefined };
    const driver = new Epd7in5V2({
      bus,
      gpio,
      timing: { now: () => clock.now(), sleep: async (ms) => clock.advanceBy(ms), busyTimeoutMs: 3000, pollMs: 10 },
    });

    const failure = driver.init();
    await expect(failure).rejects.toBeInstanceOf(EpdBusyTimeoutError);
    await expect(failure).rejects.toThrow(/BUSY \(GPIO 24\) stayed low for 3 s after power on \(0x04\)/);
    await expect(failure).rejects.toThrow(/ribbon cable.*seated on all 40 header pins.*3\.3 V/);
    // Reset pulse (42 ms) + 100 ms before the first read + the timeout.
    expect(clock.now()).toBe(42 + 100 + 3000);
    // Nothing after the last poll: the driver did not carry on regardless.
    expect(sent.at(-1)).toEqual([0x71]);
    expect(sent.filter((s) => s[0] === 0x04)).toHaveLength(1);
    expect(driver.partialReady).toBe(false);
  });

  it('refuses a partial refresh before any full one, and frames of the wrong size', async () => {
    const { driver, panel } = rig('7in5_V2');
    await expect(driver.displayPartial(blankFrame(800, 480), { x: 0, y: 0, width: 8, height: 8 })).rejects.toThrow(/needs a full refresh first/);
    await expect(driver.displayFull(blankFrame(400, 300))).rejects.toThrow(/800×480/);
    await driver.displayFull(blankFrame(800, 480));
    await expect(driver.displayPartial(blankFrame(800, 480), { x: 796, y: 0, width: 8, height: 8 })).rejects.toThrow(/inside the 800×480 panel/);
    expect(panel.errors).toEqual([]);
  });

  it('closes by sleeping, waiting the vendor 2 s, cutting HAT power and releasing pins and SPI', async () => {
    const { driver, panel, gpio, sleeps, mark } = rig('7in5_V2');
    const seen: Array<[string, boolean]> = [];
    panel.onRefresh((kind, image) => seen.push([kind, image.data.every((b) => b === 0xff)]));
    await driver.displayFull(blankFrame(800, 480));
    const since = mark();
    await driver.close();
    expect(seen).toEqual([['full', true]]);
    expect(wire(since()).slice(-2)).toEqual([C(0x07), D(0xa5)]);
    expect(panel.powered).toBe(false);
    expect(sleeps.at(-1)).toBe(2000);
    for (const pin of [17, 25, 18]) expect(pinWrites(gpio, pin).at(-1)).toBe(false);
    for (const pin of [17, 25, 24, 18]) expect(gpio.isClaimed(pin)).toBe(false);
    panel.write(Uint8Array.of(0x00));
    expect(panel.errors).toEqual(['write after close()']);
  });
});

describe('Waveshare 4.2in V2 driver against the simulated panel', () => {
  it('resets (100/2/100 ms), waits for BUSY and sends the vendor init sequence', async () => {
    const { driver, panel, gpio, sleeps } = rig('4in2_V2');
    await driver.init();
    expect(pinWrites(gpio, 17)).toEqual([false, true, false, true]);
    expect(sleeps.slice(0, 3)).toEqual([100, 2, 100]);
    expect(wire(panel.log)).toEqual([
      C(0x12),
      C(0x21), D(0x40, 0x00),
      C(0x3c), D(0x05),
      C(0x11), D(0x03),
      C(0x44), D(0x00, 0x31),
      C(0x45), D(0x00, 0x00, 0x2b, 0x01),
      C(0x4e), D(0x00),
      C(0x4f), D(0x00, 0x00),
    ]);
    expect(panel.errors).toEqual([]);
  });

  it('writes the frame to 0x24 and 0x26 as is and runs update sequence F7', async () => {
    const { driver, panel, mark } = rig('4in2_V2');
    await driver.init();
    const frame = frameWithBox(400, 300, 5, 5, 394, 20);
    const since = mark();
    const sent = await driver.displayFull(frame);
    const log = since();
    expect(log.map((e) => [e.dc, e.bytes.length])).toEqual([[false, 1], [true, 15_000], [false, 1], [true, 15_000], [false, 1], [true, 1], [false, 1]]);
    expect(wire([log[0]!, log[2]!, log[4]!, log[5]!, log[6]!])).toEqual([C(0x24), C(0x26), C(0x22), D(0xf7), C(0x20)]);
    expect(log[1]!.bytes).toEqual(frame.data);
    expect(log[3]!.bytes).toEqual(frame.data);
    expect(sent).toBe(30_005);
    expect(panel.image()).toEqual(frame);
    expect(panel.errors).toEqual([]);
  });

  it('does a windowed partial refresh: border, 0x21, byte windows, previous and new RAM, update FF', async () => {
    const { driver, panel, mark } = rig('4in2_V2');
    await driver.displayFull(blankFrame(400, 300));
    const after = frameWithBox(400, 300, 13, 10, 33, 14);
    const since = mark();
    await driver.displayPartial(after, { x: 13, y: 10, width: 21, height: 5 });
    const row = [0xf8, 0x00, 0x00, 0x3f];
    expect(wire(since())).toEqual([
      C(0x3c), D(0x80),
      C(0x21), D(0x00, 0x00),
      C(0x3c), D(0x80),
      C(0x44), D(0x01, 0x04), // bytes 1..4 = x 8..39
      C(0x45), D(0x0a, 0x00, 0x0e, 0x00),
      C(0x4e), D(0x01),
      C(0x4f), D(0x0a, 0x00),
      C(0x26), D(...new Array<number>(20).fill(0xff)),
      C(0x4e), D(0x01),
      C(0x4f), D(0x0a, 0x00),
      C(0x24), D(...row, ...row, ...row, ...row, ...row),
      C(0x22), D(0xff),
      C(0x20),
    ]);
    expect(panel.image()).toEqual(after);
    expect(panel.refreshes).toEqual({ full: 1, partial: 1 });
    expect(panel.errors).toEqual([]);
  });

  it('keeps the picture right over several partials, a sleep and a final full refresh', async () => {
    const { driver, panel } = rig('4in2_V2');
    await driver.displayFull(frameWithBox(400, 300, 0, 0, 199, 149));
    let expected = frameWithBox(400, 300, 0, 0, 199, 149);
    const steps: Array<[number, number, number, number]> = [
      [100, 100, 299, 199],
      [150, 120, 170, 280],
      [0, 0, 399, 10],
    ];
    for (const [x0, y0, x1, y1] of steps) {
      // Each step turns its box black and everything else in the window white.
      const next = frameWithBox(400, 300, x0, y0, x1, y1);
      await driver.displayPartial(next, { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 });
      expected = pasteAligned(expected, next, x0, y0, x1, y1);
      expect(panel.image()).toEqual(expected);
      await driver.sleep();
    }
    const last = blankFrame(400, 300);
    await driver.displayFull(last);
    expect(panel.image()).toEqual(last);
    expect(panel.refreshes).toEqual({ full: 2, partial: 3 });
    expect(panel.errors).toEqual([]);
  });

  it('never writes while BUSY is high', async () => {
    const { driver, panel, writes } = rig('4in2_V2', { reset: 130, fullRefresh: 900, partialRefresh: 300 });
    let refreshed = 0;
    panel.onRefresh(() => refreshed++);
    await driver.displayFull(blankFrame(400, 300));
    await driver.displayPartial(frameWithBox(400, 300, 0, 0, 15, 15), { x: 0, y: 0, width: 16, height: 16 });
    expect(refreshed).toBe(2);
    expect(writes.length).toBeGreaterThan(20);
    expect(writes.filter((w) => w.busyPin !== false)).toEqual([]);
    expect(panel.errors).toEqual([]);
  });

  it('gives up on BUSY stuck high after the reset', async () => {
    const clock = new ManualClock(0);
    const gpio = new SimulatedGpio();
    gpio.drive(24, true);
    const sent: number[][] = [];
    const driver = new Epd4in2V2({
      bus: { write: (b) => void sent.push([...b]), close: () => undefined },
      gpio,
      timing: { now: () => clock.now(), sleep: async (ms) => clock.advanceBy(ms), busyTimeoutMs: 2000, pollMs: 20 },
    });
    await expect(driver.init()).rejects.toThrow(/BUSY \(GPIO 24\) stayed high for 2 s after the hardware reset.*ribbon cable/);
    expect(sent).toEqual([]);
  });

  it('sleeps with 0x10 01; closing long after needs no extra pause, and a closed driver refuses work', async () => {
    const { driver, panel, mark, clock, sleeps } = rig('4in2_V2');
    await driver.displayFull(blankFrame(400, 300));
    const since = mark();
    await driver.sleep();
    expect(wire(since())).toEqual([C(0x10), D(0x01)]);
    expect(panel.asleep).toBe(true);
    clock.advanceBy(60_000);
    const pauses = sleeps.length;
    await driver.close();
    expect(sleeps).toHaveLength(pauses);
    expect(wire(since())).toEqual([C(0x10), D(0x01)]);
    await expect(driver.displayFull(blankFrame(400, 300))).rejects.toThrow('Waveshare 4.2in V2 is closed');
    expect(panel.errors).toEqual([]);
  });
});
