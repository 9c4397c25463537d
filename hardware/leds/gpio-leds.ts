import type { LedMode, LedPattern } from '../../src/domain/leds.js';
import type { GpioPort, OutputLine } from '../gpio/gpio-port.js';
import type { Leds } from './leds.js';

export interface LedPins {
  readonly red: number;
  readonly green: number;
  /** Optional third LED (amber, or blue): without it, red + green together stand in for amber. */
  readonly amber?: number;
  /** LEDs wired from 3.3 V to the pin light when the pin is low. */
  readonly activeLow?: boolean;
}

export interface BlinkTimer {
  now(): number;
  every(ms: number, tick: () => void): () => void;
}

const realTimer: BlinkTimer = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const t = setInterval(tick, ms);
    t.unref();
    return () => clearInterval(t);
  },
};

/** Slow: "waiting for check-in", once a second. Fast: "offline, showing saved data", four times a second. */
const HALF_PERIOD_MS = { 'blink-slow': 500, 'blink-fast': 125 } as const;
const TICK_MS = 125;

function litAt(mode: LedMode, now: number): boolean {
  if (mode === 'on') return true;
  if (mode === 'off') return false;
  // Phase from the wall clock: every LED blinking at one rate blinks together, whenever it started.
  return Math.floor(now / HALF_PERIOD_MS[mode]) % 2 === 0;
}

/** Status LEDs on GPIO pins: each pattern is written at once; one timer runs only while something blinks. */
export class GpioLeds implements Leds {
  private lines: { red: OutputLine; green: OutputLine; amber: OutputLine | null } | null = null;
  private pattern: LedPattern = { red: 'off', green: 'off', amber: 'off' };
  private stopBlink: (() => void) | null = null;

  constructor(
    private readonly gpio: GpioPort,
    private readonly pins: LedPins,
    private readonly timer: BlinkTimer = realTimer,
  ) {}

  async open(): Promise<void> {
    const opts = { activeLow: this.pins.activeLow ?? false };
    const red = await this.gpio.output(this.pins.red, opts);
    const green = await this.gpio.output(this.pins.green, opts);
    const amber = this.pins.amber === undefined ? null : await this.gpio.output(this.pins.amber, opts);
    this.lines = { red, green, amber };
  }

  show(pattern: LedPattern): void {
    if (!this.lines) throw new Error('GpioLeds.show() before open()');
    this.pattern = this.lines.amber ? pattern : withoutAmber(pattern);
    this.apply();
    const blinks = Object.values(this.pattern).some((m) => m === 'blink-slow' || m === 'blink-fast');
    if (blinks && !this.stopBlink) this.stopBlink = this.timer.every(TICK_MS, () => this.apply());
    if (!blinks && this.stopBlink) {
      this.stopBlink();
      this.stopBlink = null;
    }
  }

  close(): Promise<void> {
    this.stopBlink?.();
    this.stopBlink = null;
    if (this.lines) {
      for (const line of [this.lines.red, this.lines.green, this.lines.amber]) line?.release();
      this.lines = null;
    }
    return Promise.resolve();
  }

  private apply(): void {
    if (!this.lines) return;
    const now = this.timer.now();
    this.lines.red.write(litAt(this.pattern.red, now));
    this.lines.green.write(litAt(this.pattern.green, now));
    this.lines.amber?.write(litAt(this.pattern.amber, now));
  }
}

/** Amber on a red/green pair: both together, which a bicolour LED shows as yellow-orange. */
function withoutAmber(p: LedPattern): LedPattern {
  if (p.amber === 'off') return p;
  const merge = (m: LedMode): LedMode => (m === 'off' ? p.amber : m);
  return { red: merge(p.red), green: merge(p.green), amber: 'off' };
}
