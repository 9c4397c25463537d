import type { LedPattern } from '../../src/domain/leds.js';
import type { GpioPort } from '../gpio/gpio-port.js';
import type { LedPins } from './gpio-leds.js';

/** Status LEDs beside the door. Implementations: simulated (in memory), GPIO (on a Pi). */
export interface Leds {
  open(): Promise<void>;
  /** Shows a pattern; blinking is the driver's job. */
  show(pattern: LedPattern): void;
  /** Turns every LED off and releases the pins. */
  close(): Promise<void>;
}

export type LedsDriver = 'simulated' | 'gpio' | 'none';

export type LedsChoice = { readonly driver: 'simulated' | 'none' } | { readonly driver: 'gpio'; readonly gpio: GpioPort; readonly pins: LedPins };

/** Picks the driver by config; drivers are imported only when chosen, so a laptop never loads GPIO code. */
export async function createLeds(choice: LedsChoice): Promise<Leds | null> {
  switch (choice.driver) {
    case 'none':
      return null;
    case 'simulated': {
      const { SimulatedLeds } = await import('./simulated-leds.js');
      return new SimulatedLeds();
    }
    case 'gpio': {
      const { GpioLeds } = await import('./gpio-leds.js');
      return new GpioLeds(choice.gpio, choice.pins);
    }
  }
}
