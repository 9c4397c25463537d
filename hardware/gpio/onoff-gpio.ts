import type * as Onoff from 'onoff';
import type { Gpio as OnoffGpioLine } from 'onoff';
import { ChipMap, DEFAULT_SYSFS_ROOT } from './chip-map.js';
import type { Edge, GpioPort, InputLine, LineOptions, OutputLine } from './gpio-port.js';
import { GpioError, gpioFileError } from './gpio-error.js';

type OnoffModule = typeof Onoff;

/**
 * GPIO through onoff on a real Raspberry Pi: the same sysfs files as SysfsGpio, but inputs wake
 * on the kernel's edge interrupt (epoll) instead of being read every few milliseconds. onoff
 * hard-codes /sys/class/gpio and takes kernel numbers, so the BCM → sysfs map is ours.
 */
export class OnoffGpio implements GpioPort {
  readonly description: string;
  private readonly lines = new Map<number, OnoffGpioLine>();

  private constructor(
    private readonly onoff: OnoffModule,
    private readonly map: ChipMap,
  ) {
    this.description = `onoff ${map.describe()}`;
  }

  /** Null when onoff cannot work here (no native epoll build, or no /sys/class/gpio): the caller falls back. */
  static async open(): Promise<OnoffGpio | null> {
    let onoff: OnoffModule;
    try {
      onoff = await import('onoff');
    } catch {
      return null;
    }
    if (!onoff.Gpio.accessible) return null;
    return new OnoffGpio(onoff, ChipMap.read(DEFAULT_SYSFS_ROOT));
  }

  output(pin: number, options: LineOptions = {}): Promise<OutputLine> {
    const line = this.claim(pin, () => new this.onoff.Gpio(this.map.sysfsNumber(pin), 'low', 'none', { activeLow: options.activeLow ?? false, reconfigureDirection: true }));
    return Promise.resolve({
      pin,
      write: (active: boolean) => line.writeSync(active ? 1 : 0),
      release: () => this.release(pin, line, true),
    });
  }

  input(pin: number, options: LineOptions & { readonly edge?: Edge } = {}): Promise<InputLine> {
    const line = this.claim(pin, () => new this.onoff.Gpio(this.map.sysfsNumber(pin), 'in', options.edge ?? 'both', { activeLow: options.activeLow ?? false }));
    return Promise.resolve({
      pin,
      read: () => line.readSync() === 1,
      watch: (onChange: (active: boolean) => void) => {
        const cb = (err: Error | null | undefined, value: 0 | 1): void => {
          if (!err) onChange(value === 1);
        };
        line.watch(cb);
        return () => line.unwatch(cb);
      },
      release: () => this.release(pin, line, false),
    });
  }

  close(): Promise<void> {
    for (const [pin, line] of [...this.lines]) this.release(pin, line, line.direction() === 'out');
    return Promise.resolve();
  }

  private claim(pin: number, make: () => OnoffGpioLine): OnoffGpioLine {
    if (this.lines.has(pin)) throw new GpioError('busy', `GPIO ${pin} is already in use by Lintel: two features are configured on the same pin.`);
    let line: OnoffGpioLine;
    try {
      line = make();
    } catch (err) {
      throw gpioFileError(err, `${DEFAULT_SYSFS_ROOT}/gpio${this.map.sysfsNumber(pin)}`, `use GPIO ${pin}`);
    }
    this.lines.set(pin, line);
    return line;
  }

  private release(pin: number, line: OnoffGpioLine, isOutput: boolean): void {
    if (this.lines.get(pin) !== line) return;
    this.lines.delete(pin);
    try {
      if (isOutput) line.writeSync(0);
      line.unwatchAll();
      line.unexport();
    } catch {
      // The kernel frees the line when the process ends anyway.
    }
  }
}
