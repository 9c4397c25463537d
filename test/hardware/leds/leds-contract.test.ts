import { afterEach, describe, expect, it } from 'vitest';
import type { LedPattern } from '../../../src/domain/leds.js';
import { ledsFor } from '../../../src/domain/leds.js';
import { GpioLeds, type BlinkTimer } from '../../../hardware/leds/gpio-leds.js';
import type { Leds } from '../../../hardware/leds/leds.js';
import { SimulatedLeds } from '../../../hardware/leds/simulated-leds.js';
import { SimulatedGpio } from '../../../hardware/gpio/simulated-gpio.js';
import { SysfsGpio } from '../../../hardware/gpio/sysfs-gpio.js';
import { FakeSysfs } from '../../helpers/fake-sysfs.js';

type Lit = { red: boolean; green: boolean; amber: boolean };

interface LedBench {
  readonly leds: Leds;
  /** What a passer-by sees lit at this moment. */
  lit(): Lit;
  dispose(): Promise<void> | void;
}

const steadyLit = (p: LedPattern): Lit => ({ red: p.red === 'on', green: p.green === 'on', amber: p.amber === 'on' });

/** A clock held still, so blinking LEDs are caught in their "on" phase. */
const stillTimer = (t = 0): BlinkTimer & { at: number; ticks: Array<() => void> } => {
  const timer = {
    at: t,
    ticks: [] as Array<() => void>,
    now: () => timer.at,
    every: (_ms: number, tick: () => void) => {
      timer.ticks.push(tick);
      return () => timer.ticks.splice(timer.ticks.indexOf(tick), 1);
    },
  };
  return timer;
};

const benches: Array<[string, () => Promise<LedBench>]> = [
  [
    'simulated',
    () => {
      const leds = new SimulatedLeds();
      return Promise.resolve({ leds, lit: () => steadyLit(leds.current()), dispose: () => undefined });
    },
  ],
  [
    'GPIO on the simulated port, red/green/amber',
    () => {
      const gpio = new SimulatedGpio();
      const leds = new GpioLeds(gpio, { red: 17, green: 27, amber: 22 }, stillTimer());
      return Promise.resolve({ leds, lit: () => ({ red: gpio.level(17) === true, green: gpio.level(27) === true, amber: gpio.level(22) === true }), dispose: () => gpio.close() });
    },
  ],
  [
    'GPIO through sysfs files on a Pi 5 tree, active-low wiring',
    () => {
      const fake = FakeSysfs.of('pi5-kernel-6.6');
      const gpio = SysfsGpio.open({ root: fake.root });
      const leds = new GpioLeds(gpio, { red: 17, green: 27, amber: 22, activeLow: true }, stillTimer());
      const on = (pin: number): boolean => fake.physical(pin) === false;
      return Promise.resolve({
        leds,
        lit: () => ({ red: on(17), green: on(27), amber: on(22) }),
        dispose: async () => {
          await gpio.close();
          fake.close();
        },
      });
    },
  ],
];

for (const [name, make] of benches) {
  describe(`Leds contract: ${name}`, () => {
    let bench: LedBench | null = null;
    afterEach(async () => {
      await bench?.leds.close();
      await bench?.dispose();
      bench = null;
    });

    it('shows green when free, red when busy, amber when a meeting starts soon', async () => {
      bench = await make();
      await bench.leds.open();
      bench.leds.show(ledsFor('free', false));
      expect(bench.lit()).toEqual({ red: false, green: true, amber: false });
      bench.leds.show(ledsFor('busy', false));
      expect(bench.lit()).toEqual({ red: true, green: false, amber: false });
      bench.leds.show(ledsFor('soon', false));
      expect(bench.lit()).toEqual({ red: false, green: false, amber: true });
    });

    it('switches everything off on close', async () => {
      bench = await make();
      await bench.leds.open();
      bench.leds.show(ledsFor('busy', false));
      await bench.leds.close();
      expect(bench.lit()).toEqual({ red: false, green: false, amber: false });
    });

    it('refuses to show before open', async () => {
      bench = await make();
      expect(() => bench?.leds.show(ledsFor('free', false))).toThrow(/before open/);
    });
  });
}

describe('GPIO LEDs', () => {
  it('blink slowly while a check-in is due and fast when offline, in step, and stop the timer when steady', async () => {
    const gpio = new SimulatedGpio();
    const timer = stillTimer(0);
    const leds = new GpioLeds(gpio, { red: 17, green: 27, amber: 22 }, timer);
    await leds.open();
    leds.show(ledsFor('awaiting-checkin', false));
    const amberAt = (t: number): boolean | null => {
      timer.at = t;
      for (const tick of timer.ticks) tick();
      return gpio.level(22);
    };
    expect([0, 250, 500, 750, 1000].map(amberAt)).toEqual([true, true, false, false, true]);
    leds.show(ledsFor('free', true));
    expect([0, 125, 250, 375].map((t) => (timer.at = t, timer.ticks.forEach((f) => f()), gpio.level(27)))).toEqual([true, false, true, false]);
    leds.show(ledsFor('busy', false));
    expect(timer.ticks).toHaveLength(0);
    await leds.close();
    expect(gpio.isClaimed(17)).toBe(false);
  });

  it('shows amber as red + green where no amber LED is fitted', async () => {
    const gpio = new SimulatedGpio();
    const leds = new GpioLeds(gpio, { red: 17, green: 27 }, stillTimer());
    await leds.open();
    leds.show(ledsFor('soon', false));
    expect([gpio.level(17), gpio.level(27)]).toEqual([true, true]);
    leds.show(ledsFor('free', false));
    expect([gpio.level(17), gpio.level(27)]).toEqual([false, true]);
    await leds.close();
  });
});
