import { LEDS_OFF as ALL_OFF, type LedPattern } from '../../src/domain/leds.js';
import type { Leds } from './leds.js';


/** LEDs that exist only in memory: what a real set would show, for the dev overlay and tests. */
export class SimulatedLeds implements Leds {
  private pattern: LedPattern = ALL_OFF;
  private opened = false;
  readonly history: LedPattern[] = [];

  open(): Promise<void> {
    this.opened = true;
    return Promise.resolve();
  }

  show(pattern: LedPattern): void {
    if (!this.opened) throw new Error('SimulatedLeds.show() before open()');
    this.pattern = pattern;
    this.history.push(pattern);
  }

  current(): LedPattern {
    return this.pattern;
  }

  isOpen(): boolean {
    return this.opened;
  }

  close(): Promise<void> {
    if (this.opened) this.pattern = ALL_OFF;
    this.opened = false;
    return Promise.resolve();
  }
}
