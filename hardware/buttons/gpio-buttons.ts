import type { GpioPort, InputLine } from '../gpio/gpio-port.js';
import type { ButtonAction, ButtonPress, Buttons } from './buttons.js';

export interface ButtonPin {
  readonly pin: number;
  readonly action: ButtonAction;
  /** Buttons usually short the pin to ground against a pull-up: pressed = low. Default true. */
  readonly activeLow?: boolean;
}

export interface ButtonTiming {
  /** A level must hold this long to count: contacts bounce for a few milliseconds. */
  readonly debounceMs: number;
  readonly longPressMs: number;
}

export const DEFAULT_BUTTON_TIMING: ButtonTiming = { debounceMs: 30, longPressMs: 5000 };

interface Tracked {
  readonly config: ButtonPin;
  readonly line: InputLine;
  pressed: boolean;
  settle: NodeJS.Timeout | null;
  long: NodeJS.Timeout | null;
  longFired: boolean;
  unwatch: () => void;
}

/**
 * Debounced buttons on GPIO inputs. A short press acts on release (so a long press never does
 * the short action first); a long press fires as soon as the time is reached, while still held,
 * so the admin knows to let go.
 */
export class GpioButtons implements Buttons {
  private readonly tracked: Tracked[] = [];
  private readonly listeners = new Set<(press: ButtonPress) => void>();

  constructor(
    private readonly gpio: GpioPort,
    private readonly pins: readonly ButtonPin[],
    private readonly timing: ButtonTiming = DEFAULT_BUTTON_TIMING,
  ) {}

  async open(): Promise<void> {
    for (const config of this.pins) {
      const line = await this.gpio.input(config.pin, { activeLow: config.activeLow ?? true, edge: 'both' });
      const t: Tracked = { config, line, pressed: line.read(), settle: null, long: null, longFired: false, unwatch: () => undefined };
      t.unwatch = line.watch(() => this.bounce(t));
      this.tracked.push(t);
    }
  }

  onPress(listener: (press: ButtonPress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    for (const t of this.tracked.splice(0)) {
      t.unwatch();
      if (t.settle) clearTimeout(t.settle);
      if (t.long) clearTimeout(t.long);
      t.line.release();
    }
    this.listeners.clear();
    return Promise.resolve();
  }

  /** Every edge restarts the settle timer; only the level that outlasts it counts. */
  private bounce(t: Tracked): void {
    if (t.settle) clearTimeout(t.settle);
    t.settle = setTimeout(() => {
      t.settle = null;
      const pressed = t.line.read();
      if (pressed === t.pressed) return;
      t.pressed = pressed;
      if (pressed) this.down(t);
      else this.up(t);
    }, this.timing.debounceMs);
  }

  private down(t: Tracked): void {
    t.longFired = false;
    t.long = setTimeout(() => {
      t.long = null;
      t.longFired = true;
      this.emit({ action: t.config.action, long: true });
    }, this.timing.longPressMs);
  }

  private up(t: Tracked): void {
    if (t.long) clearTimeout(t.long);
    t.long = null;
    if (!t.longFired) this.emit({ action: t.config.action, long: false });
  }

  private emit(press: ButtonPress): void {
    for (const l of [...this.listeners]) l(press);
  }
}
