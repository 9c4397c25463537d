import type { GpioPort, InputLine } from '../gpio/gpio-port.js';
import { wallClock, type HardwareClock } from '../hardware-clock.js';
import type { Occupancy } from './occupancy.js';

export interface PirSettings {
  readonly pin: number;
  readonly activeLow?: boolean;
  /** An HC-SR501 fires at random while it settles after power-up (about a minute). */
  readonly warmUpMs: number;
  /** Once occupied, stay occupied at least this long: no flicker on a single trigger. */
  readonly holdMs: number;
  /** Vacant after this long without motion: a PIR senses movement, and people in a meeting sit still. */
  readonly vacantAfterMs: number;
}

export const DEFAULT_PIR: Omit<PirSettings, 'pin'> = { warmUpMs: 60_000, holdMs: 30_000, vacantAfterMs: 10 * 60_000 };

/**
 * A PIR motion sensor on a GPIO input. The output stays high for the sensor's own delay while it
 * sees motion; the last motion is when it falls back low. `occupied` holds for `vacantAfterMs`
 * after that (and at least `holdMs` after it turned true).
 */
export class PirOccupancy implements Occupancy {
  private line: InputLine | null = null;
  private readonly startedAt: number;
  private lastMotion: number | null = null;
  private occupiedSince: number | null = null;
  private state = false;
  private cancelTimer: (() => void) | null = null;
  private unwatch: (() => void) | null = null;
  private readonly listeners = new Set<(occupied: boolean, at: number, motion: boolean) => void>();

  constructor(
    private readonly gpio: GpioPort,
    private readonly s: PirSettings,
    private readonly clock: HardwareClock = wallClock,
  ) {
    this.startedAt = clock.now();
  }

  async open(): Promise<void> {
    this.line = await this.gpio.input(this.s.pin, { activeLow: this.s.activeLow ?? false, edge: 'both' });
    this.unwatch = this.line.watch((high) => this.edge(high));
  }

  occupied(now: number): boolean | null {
    if (now < this.startedAt + this.s.warmUpMs) return null;
    return this.state || this.line?.read() === true;
  }

  onChange(listener: (occupied: boolean, at: number, motion: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.unwatch?.();
    this.cancelTimer?.();
    this.line?.release();
    this.line = null;
    this.listeners.clear();
    return Promise.resolve();
  }

  private edge(high: boolean): void {
    const now = this.clock.now();
    if (now < this.startedAt + this.s.warmUpMs) return;
    this.lastMotion = now;
    if (high) {
      if (!this.state) {
        this.state = true;
        this.occupiedSince = now;
      }
      this.emit(true, now, true);
    }
    this.arm();
  }

  private arm(): void {
    this.cancelTimer?.();
    if (this.lastMotion === null || this.occupiedSince === null) return;
    const vacantAt = Math.max(this.lastMotion + this.s.vacantAfterMs, this.occupiedSince + this.s.holdMs);
    this.cancelTimer = this.clock.at(vacantAt, () => {
      // Still high: the sensor keeps seeing motion; look again later.
      if (this.line?.read() === true) {
        this.lastMotion = this.clock.now();
        this.arm();
        return;
      }
      this.state = false;
      this.occupiedSince = null;
      this.emit(false, this.clock.now(), false);
    });
  }

  private emit(occupied: boolean, at: number, motion: boolean): void {
    for (const l of [...this.listeners]) l(occupied, at, motion);
  }
}
