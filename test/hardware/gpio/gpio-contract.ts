import { afterEach, describe, expect, it } from 'vitest';
import type { GpioPort } from '../../../hardware/gpio/gpio-port.js';

/** One board as a test sees it: the port under test, and the wires it is connected to. */
export interface GpioBench {
  readonly port: GpioPort;
  /** Physical level of a pin, null when the pin is not held. */
  physical(pin: number): boolean | null;
  /** Drives the wire of an input pin. */
  drive(pin: number, level: boolean): void;
  dispose(): Promise<void> | void;
}

const until = async (check: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 2000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** What every GpioPort must do, run against every implementation. */
export function describeGpioContract(name: string, make: () => Promise<GpioBench>): void {
  describe(`GpioPort contract: ${name}`, () => {
    let bench: GpioBench | null = null;
    const open = async (): Promise<GpioBench> => (bench = await make());
    afterEach(async () => {
      await bench?.port.close();
      await bench?.dispose();
      bench = null;
    });

    it('drives an active-high output: inactive at first, then high and low as written', async () => {
      const b = await open();
      const led = await b.port.output(17);
      expect(b.physical(17)).toBe(false);
      led.write(true);
      expect(b.physical(17)).toBe(true);
      led.write(false);
      expect(b.physical(17)).toBe(false);
    });

    it('inverts an active-low output (an LED wired to 3.3 V lights when the pin is low)', async () => {
      const b = await open();
      const led = await b.port.output(27, { activeLow: true });
      expect(b.physical(27)).toBe(true);
      led.write(true);
      expect(b.physical(27)).toBe(false);
    });

    it('reads inputs as logical values and reports edges', async () => {
      const b = await open();
      const button = await b.port.input(5, { activeLow: true, edge: 'both' });
      b.drive(5, true);
      await until(() => button.read() === false, 'the released level');
      const seen: boolean[] = [];
      button.watch((active) => seen.push(active));
      b.drive(5, false);
      await until(() => seen.length === 1, 'the press edge');
      b.drive(5, true);
      await until(() => seen.length === 2, 'the release edge');
      expect(seen).toEqual([true, false]);
      expect(button.read()).toBe(false);
    });

    it('reports only rising edges when asked to', async () => {
      const b = await open();
      const pir = await b.port.input(23, { edge: 'rising' });
      const seen: boolean[] = [];
      const stop = pir.watch((active) => seen.push(active));
      b.drive(23, true);
      await until(() => seen.length === 1, 'the rising edge');
      b.drive(23, false);
      // A real PIR holds each level for seconds; here it must only outlast the sampling period.
      await until(() => pir.read() === false, 'the falling level');
      await new Promise((r) => setTimeout(r, 40));
      b.drive(23, true);
      await until(() => seen.length === 2, 'the second rising edge');
      expect(seen).toEqual([true, true]);
      stop();
      b.drive(23, false);
      await until(() => pir.read() === false, 'the falling level');
      await new Promise((r) => setTimeout(r, 40));
      b.drive(23, true);
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toHaveLength(2);
    });

    it('refuses a pin claimed twice and a pin that is not on the header', async () => {
      const b = await open();
      await b.port.output(22);
      await expect(b.port.output(22)).rejects.toThrow(/already in use/);
      await expect(b.port.output(28)).rejects.toThrow(/0–27/);
      await expect(b.port.input(-1)).rejects.toThrow(/0–27/);
    });

    it('switches outputs off and gives every pin back on release and close', async () => {
      const b = await open();
      const red = await b.port.output(17);
      const green = await b.port.output(27);
      red.write(true);
      green.write(true);
      red.release();
      expect(b.physical(17)).not.toBe(true);
      const again = await b.port.output(17);
      again.write(true);
      await b.port.close();
      expect(b.physical(17)).not.toBe(true);
      expect(b.physical(27)).not.toBe(true);
      expect(() => again.write(true)).toThrow(/released/);
    });
  });
}
