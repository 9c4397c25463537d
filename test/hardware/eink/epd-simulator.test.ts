import { describe, expect, it } from 'vitest';
import { SimulatedGpio } from '../../../hardware/gpio/simulated-gpio.js';
import { blankFrame, isBlack } from '../../../hardware/eink/frame.js';
import type { EpdModel } from '../../../hardware/eink/spi/epd-driver.js';
import { SimulatedEpd } from '../../../hardware/eink/spi/simulated-epd.js';
import { ManualClock } from '../../helpers/manual-clock.js';

/** The simulated panel driven by hand, byte by byte, the way a buggy driver might. */
function bench(model: EpdModel) {
  const clock = new ManualClock(0);
  const gpio = new SimulatedGpio();
  const panel = new SimulatedEpd({
    model,
    gpio,
    schedule: (ms, fn) => clock.at(clock.now() + ms, fn),
    busyMs: { reset: 5, power: 40, fullRefresh: 100, partialRefresh: 50 },
  });
  const rst = gpio.outputNow(17);
  const dc = gpio.outputNow(25);
  const send = (cmd: number, ...data: number[]) => {
    dc.write(false);
    panel.write(Uint8Array.of(cmd));
    if (data.length > 0) {
      dc.write(true);
      panel.write(Uint8Array.from(data));
    }
  };
  const sendData = (bytes: Uint8Array) => {
    dc.write(true);
    panel.write(bytes);
  };
  const reset = () => {
    rst.write(true);
    rst.write(false);
    rst.write(true);
  };
  return { clock, gpio, panel, send, sendData, reset };
}

describe('simulated 7.5in V2 panel', () => {
  it('drives BUSY low while powering on and high again afterwards', () => {
    const { clock, gpio, panel, send, reset } = bench('7in5_V2');
    expect(gpio.level(24)).toBeNull(); // nobody holds BUSY yet: the level is only preset
    const busy = gpio.inputNow(24);
    reset();
    expect(busy.read()).toBe(true); // idle is high
    send(0x04);
    expect(busy.read()).toBe(false);
    expect(panel.busy).toBe(true);
    clock.advanceBy(39);
    expect(busy.read()).toBe(false);
    clock.advanceBy(1);
    expect(busy.read()).toBe(true);
    expect(panel.errors).toEqual([]);
  });

  it('records data with no command, unknown commands and wrong data lengths', () => {
    const { panel, send, sendData, reset } = bench('7in5_V2');
    reset();
    sendData(Uint8Array.of(0x01, 0x02));
    send(0x3b, 0x00);
    send(0x61, 0x03, 0x20, 0x01); // one byte short
    send(0x60, 0x22, 0x00); // one byte long
    send(0x00, 0x1f);
    expect(panel.errors).toEqual([
      '2 data byte(s) with no command before them',
      'unknown command 0x3B for the 7in5_V2 controller',
      '0x61 (resolution) takes 4 data bytes, got 3',
      '0x60 (TCON) takes 1 data byte, got more',
    ]);
  });

  it('refuses a refresh before power-on, and anything while asleep until a reset', () => {
    const { clock, panel, send, reset } = bench('7in5_V2');
    reset();
    send(0x12);
    expect(panel.errors).toEqual(['0x12 (display refresh) before power on (0x04): the panel was not initialised']);
    send(0x07, 0xa5);
    expect(panel.asleep).toBe(true);
    send(0x12);
    expect(panel.errors[1]).toBe('command 0x12 while in deep sleep: only a hardware reset (RST) wakes the controller');
    reset();
    expect(panel.asleep).toBe(false);
    send(0x04);
    clock.advanceBy(40);
    send(0x50, 0x10, 0x07);
    send(0x12);
    clock.advanceBy(100);
    expect(panel.refreshes).toEqual({ full: 1, partial: 0 });
    expect(panel.errors).toHaveLength(2);
  });

  it('flags commands and data sent while BUSY, but answers status polls', () => {
    const { panel, send, reset } = bench('7in5_V2');
    reset();
    send(0x04);
    send(0x71);
    expect(panel.errors).toEqual([]);
    send(0x00, 0x1f);
    expect(panel.errors).toEqual(['command 0x00 (panel setting) sent while BUSY', '1 data byte(s) for 0x00 (panel setting) sent while BUSY']);
  });

  it('checks the deep sleep code and the partial window boundaries', () => {
    const { panel, send, reset } = bench('7in5_V2');
    reset();
    send(0x07, 0x00);
    expect(panel.asleep).toBe(false);
    send(0x90, 0x00, 0x04, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x07, 0x01); // x 4..11
    send(0x90, 0x00, 0x00, 0x03, 0x20, 0x00, 0x00, 0x00, 0x07, 0x01); // x 0..800
    expect(panel.errors).toEqual([
      '0x07 (deep sleep) needs check code 0xA5, got 0x00',
      '0x90 (partial window) x 4..11 is not on 8-pixel boundaries',
      '0x90 (partial window) x 0..800 is not on 8-pixel boundaries',
      '0x90 (partial window) 0..800 × 0..7 is empty or outside the panel',
    ]);
  });

  it('checks that RAM writes fill the window exactly', () => {
    const { panel, send, sendData, reset } = bench('7in5_V2');
    reset();
    send(0x91);
    send(0x90, 0x00, 0x00, 0x00, 0x0f, 0x00, 0x00, 0x00, 0x01, 0x01); // 16×2 px = 4 bytes
    send(0x13, 0xff, 0xff, 0xff);
    send(0x10);
    sendData(new Uint8Array(5));
    send(0x92);
    expect(panel.errors).toEqual([
      '0x13 (new data) got 3 bytes; the window holds 4',
      '0x10 (old data): more data than the 4-byte window holds',
      '0x10 (old data) got 5 bytes; the window holds 4',
    ]);
  });

  it('complains about bytes sent while RST holds the controller in reset', () => {
    const { gpio, panel } = bench('7in5_V2');
    // RST was claimed low by the bench and never released.
    expect(gpio.level(17)).toBe(false);
    panel.write(Uint8Array.of(0x04));
    expect(panel.errors).toEqual(['1 byte(s) sent while RST (GPIO 17) holds the controller in reset']);
  });
});

describe('simulated 4.2in V2 panel', () => {
  it('holds BUSY high while busy and needs a software reset before an update', () => {
    const { clock, gpio, panel, send, reset } = bench('4in2_V2');
    const busy = gpio.inputNow(24);
    reset();
    expect(busy.read()).toBe(true);
    clock.advanceBy(5);
    expect(busy.read()).toBe(false);
    send(0x22, 0xf7);
    send(0x20);
    expect(panel.errors).toEqual(['0x20 (master activation) before software reset (0x12): the panel was not initialised']);
  });

  it('wraps the RAM counter inside the window, and a full update shows the new RAM', () => {
    const { clock, panel, send, sendData, reset } = bench('4in2_V2');
    reset();
    clock.advanceBy(5);
    send(0x12);
    clock.advanceBy(5);
    send(0x44, 0x00, 0x31);
    send(0x45, 0x00, 0x00, 0x2b, 0x01);
    send(0x4e, 0x00);
    send(0x4f, 0x96, 0x00); // start at row 150: the second half lands at the top after the wrap
    const data = new Uint8Array(15_000);
    data.fill(0x00, 0, 7_500); // rows 150..299 black
    data.fill(0xff, 7_500); // rows 0..149 white
    send(0x24);
    sendData(data);
    send(0x22, 0xf7);
    send(0x20);
    clock.advanceBy(100);
    const image = panel.image();
    expect([isBlack(image, 0, 0), isBlack(image, 399, 149), isBlack(image, 0, 150), isBlack(image, 399, 299)]).toEqual([false, false, true, true]);
    expect(panel.refreshes).toEqual({ full: 1, partial: 0 });
    expect(panel.errors).toEqual([]);
  });

  it('changes only pixels whose previous and new RAM differ in a partial update', () => {
    const { clock, panel, send, sendData, reset } = bench('4in2_V2');
    reset();
    clock.advanceBy(5);
    send(0x12);
    clock.advanceBy(5);
    // "new" says all black; "previous" claims the left half was black already (it was not).
    const bw = new Uint8Array(15_000);
    const red = new Uint8Array(15_000).fill(0xff);
    for (let row = 0; row < 300; row++) red.fill(0x00, row * 50, row * 50 + 25);
    send(0x24);
    sendData(bw);
    send(0x26);
    sendData(red);
    send(0x21, 0x00, 0x00);
    send(0x22, 0xff);
    send(0x20);
    clock.advanceBy(50);
    const image = panel.image();
    // The stale half stays white, as on glass: the waveform drives only differing pixels.
    expect([isBlack(image, 0, 0), isBlack(image, 199, 299), isBlack(image, 200, 0), isBlack(image, 399, 299)]).toEqual([false, false, true, true]);
    expect(panel.refreshes).toEqual({ full: 0, partial: 1 });
    expect(panel.image()).not.toEqual(blankFrame(400, 300));
    expect(panel.errors).toEqual([]);
  });

  it('flags a RAM counter outside the window and an unsupported entry mode', () => {
    const { clock, panel, send, reset } = bench('4in2_V2');
    reset();
    clock.advanceBy(5);
    send(0x11, 0x01);
    send(0x44, 0x02, 0x05);
    send(0x4e, 0x00);
    send(0x24, 0xff);
    expect(panel.errors).toEqual([
      '0x11 (data entry mode) 0x01: the simulator models only 0x03 (x then y, both increasing)',
      '0x24: RAM counter (0, 0) lies outside the window',
    ]);
  });

  it('keeps RAM through deep sleep mode 1 and wakes only on reset', () => {
    const { clock, panel, send, reset } = bench('4in2_V2');
    reset();
    clock.advanceBy(5);
    send(0x10, 0x01);
    expect(panel.asleep).toBe(true);
    send(0x12);
    reset();
    expect(panel.asleep).toBe(false);
    expect(panel.errors).toEqual(['command 0x12 while in deep sleep: only a hardware reset (RST) wakes the controller']);
  });
});
