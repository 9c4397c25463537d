import { describe, expect, it } from 'vitest';
import { SimulatedGpio } from '../../../hardware/gpio/simulated-gpio.js';
import { PirOccupancy } from '../../../hardware/occupancy/pir-occupancy.js';
import { ManualClock } from '../../helpers/manual-clock.js';

const PIN = 23;
const MIN = 60_000;

async function pir(): Promise<{ clock: ManualClock; gpio: SimulatedGpio; sensor: PirOccupancy; changes: Array<[boolean, number, boolean]> }> {
  const clock = new ManualClock(0);
  const gpio = new SimulatedGpio();
  const sensor = new PirOccupancy(gpio, { pin: PIN, warmUpMs: 60_000, holdMs: 30_000, vacantAfterMs: 10 * MIN }, clock);
  await sensor.open();
  const changes: Array<[boolean, number, boolean]> = [];
  sensor.onChange((o, at, motion) => changes.push([o, at, motion]));
  return { clock, gpio, sensor, changes };
}

/** The HC-SR501 holds its output high for its delay (a few seconds) on each trigger. */
function trigger(clock: ManualClock, gpio: SimulatedGpio, highMs = 3000): void {
  gpio.drive(PIN, true);
  clock.advanceBy(highMs);
  gpio.drive(PIN, false);
}

describe('PIR occupancy', () => {
  it('ignores the first minute after power-up, when the sensor fires at random', async () => {
    const { clock, gpio, sensor, changes } = await pir();
    expect(sensor.occupied(clock.now())).toBeNull();
    trigger(clock, gpio);
    clock.advanceTo(59_000);
    expect(changes).toEqual([]);
    clock.advanceTo(60_000);
    expect(sensor.occupied(clock.now())).toBe(false);
  });

  it('is occupied on motion, and vacant only after ten minutes without any', async () => {
    const { clock, gpio, sensor, changes } = await pir();
    clock.advanceTo(2 * MIN);
    trigger(clock, gpio);
    const lastMotion = clock.now();
    expect(sensor.occupied(clock.now())).toBe(true);
    clock.advanceTo(lastMotion + 10 * MIN - 1);
    expect(sensor.occupied(clock.now())).toBe(true);
    clock.advanceTo(lastMotion + 10 * MIN);
    expect(sensor.occupied(clock.now())).toBe(false);
    expect(changes).toEqual([
      [true, 2 * MIN, true],
      [false, lastMotion + 10 * MIN, false],
    ]);
  });

  it('new motion pushes the vacancy back; a sensor stuck high keeps the room occupied', async () => {
    const { clock, gpio, sensor } = await pir();
    clock.advanceTo(2 * MIN);
    trigger(clock, gpio);
    clock.advanceBy(8 * MIN);
    trigger(clock, gpio);
    clock.advanceBy(9 * MIN);
    expect(sensor.occupied(clock.now())).toBe(true);
    gpio.drive(PIN, true);
    clock.advanceBy(30 * MIN);
    expect(sensor.occupied(clock.now())).toBe(true);
    await sensor.close();
    expect(gpio.isClaimed(PIN)).toBe(false);
  });

  it('holds a single trigger at least the hold time even with a short vacancy setting', async () => {
    const clock = new ManualClock(0);
    const gpio = new SimulatedGpio();
    const sensor = new PirOccupancy(gpio, { pin: PIN, warmUpMs: 0, holdMs: 30_000, vacantAfterMs: 5_000 }, clock);
    await sensor.open();
    trigger(clock, gpio, 1000);
    clock.advanceBy(10_000);
    expect(sensor.occupied(clock.now())).toBe(true);
    clock.advanceTo(30_000);
    expect(sensor.occupied(clock.now())).toBe(false);
  });
});
