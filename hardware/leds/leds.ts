import type { LedPattern } from '../../src/domain/leds.js';

/** Status LEDs beside the door. Implementations: simulated (here), GPIO (on a Pi). */
export interface Leds {
  open(): Promise<void>;
  /** Shows a pattern; blinking is the driver's job. */
  show(pattern: LedPattern): void;
  /** Turns every LED off and releases the pins. */
  close(): Promise<void>;
}

export type LedsDriver = 'simulated' | 'none';

/** Picks the driver by config; drivers are imported only when chosen, so a laptop never loads GPIO code. */
export async function createLeds(driver: LedsDriver): Promise<Leds | null> {
  switch (driver) {
    case 'none':
      return null;
    case 'simulated': {
      const { SimulatedLeds } = await import('./simulated-leds.js');
      return new SimulatedLeds();
    }
  }
}
