import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ButtonPress } from '../../../hardware/buttons/buttons.js';
import { GpioButtons } from '../../../hardware/buttons/gpio-buttons.js';
import { SimulatedGpio } from '../../../hardware/gpio/simulated-gpio.js';

const BOOK = 5;
const CHECK_IN = 6;

describe('GPIO buttons', () => {
  let gpio: SimulatedGpio;
  let buttons: GpioButtons;
  let presses: ButtonPress[];

  beforeEach(async () => {
    vi.useFakeTimers();
    gpio = new SimulatedGpio();
    // Pull-ups hold both lines high until pressed.
    gpio.drive(BOOK, true);
    gpio.drive(CHECK_IN, true);
    buttons = new GpioButtons(gpio, [
      { pin: BOOK, action: 'book-15' },
      { pin: CHECK_IN, action: 'check-in' },
    ], { debounceMs: 30, longPressMs: 5000 });
    await buttons.open();
    presses = [];
    buttons.onPress((p) => presses.push(p));
  });
  afterEach(async () => {
    await buttons.close();
    vi.useRealTimers();
  });

  /** A real contact: a few milliseconds of chatter on press and on release. */
  const press = (pin: number, holdMs: number): void => {
    for (const level of [false, true, false, true, false]) {
      gpio.drive(pin, level);
      vi.advanceTimersByTime(2);
    }
    vi.advanceTimersByTime(holdMs);
    for (const level of [true, false, true]) {
      gpio.drive(pin, level);
      vi.advanceTimersByTime(2);
    }
    vi.advanceTimersByTime(50);
  };

  it('turns a bouncing press into exactly one action, on release', () => {
    press(BOOK, 200);
    expect(presses).toEqual([{ action: 'book-15', long: false }]);
    press(CHECK_IN, 100);
    expect(presses).toEqual([
      { action: 'book-15', long: false },
      { action: 'check-in', long: false },
    ]);
  });

  it('ignores chatter shorter than the debounce time', () => {
    gpio.drive(BOOK, false);
    vi.advanceTimersByTime(10);
    gpio.drive(BOOK, true);
    vi.advanceTimersByTime(100);
    expect(presses).toEqual([]);
  });

  it('fires a long press while still held, and no short press on release', () => {
    gpio.drive(BOOK, false);
    vi.advanceTimersByTime(5100);
    expect(presses).toEqual([{ action: 'book-15', long: true }]);
    gpio.drive(BOOK, true);
    vi.advanceTimersByTime(100);
    expect(presses).toEqual([{ action: 'book-15', long: true }]);
  });

  it('gives its pins back on close', async () => {
    await buttons.close();
    expect(gpio.isClaimed(BOOK)).toBe(false);
    expect(gpio.isClaimed(CHECK_IN)).toBe(false);
  });
});
