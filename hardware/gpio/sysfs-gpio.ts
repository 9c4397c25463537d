import { accessSync, closeSync, constants, existsSync, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChipMap, DEFAULT_SYSFS_ROOT } from './chip-map.js';
import type { Edge, GpioPort, InputLine, LineOptions, OutputLine } from './gpio-port.js';
import { GpioError, gpioFileError } from './gpio-error.js';

export interface SysfsGpioOptions {
  readonly root?: string;
  /** How often inputs are read: sysfs edge interrupts need poll(2), which plain Node lacks (onoff has it). */
  readonly pollMs?: number;
  /** How long to wait for udev to make a freshly exported line writable. */
  readonly exportTimeoutMs?: number;
}

interface Held {
  readonly direction: 'in' | 'out';
  readonly fd: number;
  readonly dir: string;
  readonly sysfs: number;
  stop?: () => void;
}

/**
 * GPIO through the kernel's sysfs files, written directly. It is the fallback where onoff's native
 * epoll module is missing, and what runs against the fake sysfs trees in tests: same files, same
 * order of writes as onoff. Inputs are read every `pollMs` instead of waiting for an interrupt.
 */
export class SysfsGpio implements GpioPort {
  readonly description: string;
  private readonly root: string;
  private readonly held = new Map<number, Held>();

  constructor(
    private readonly map: ChipMap,
    private readonly o: SysfsGpioOptions = {},
  ) {
    this.root = o.root ?? DEFAULT_SYSFS_ROOT;
    this.description = `sysfs ${map.describe()} at ${this.root}`;
  }

  static open(o: SysfsGpioOptions = {}): SysfsGpio {
    return new SysfsGpio(ChipMap.read(o.root ?? DEFAULT_SYSFS_ROOT), o);
  }

  async output(pin: number, options: LineOptions = {}): Promise<OutputLine> {
    const h = await this.claim(pin, 'out', options.activeLow ?? false, 'none');
    return {
      pin,
      write: (active) => {
        if (this.held.get(pin) !== h) throw new GpioError('busy', `GPIO ${pin} was released`);
        writeValue(h, active);
      },
      release: () => this.release(pin, h),
    };
  }

  async input(pin: number, options: LineOptions & { readonly edge?: Edge } = {}): Promise<InputLine> {
    const edge = options.edge ?? 'both';
    const h = await this.claim(pin, 'in', options.activeLow ?? false, edge);
    const watchers = new Set<(active: boolean) => void>();
    let last = readValue(h);
    const timer = setInterval(() => {
      const now = readValue(h);
      if (now === last) return;
      last = now;
      if (edge === 'both' || (edge === 'rising') === now) for (const w of [...watchers]) w(now);
    }, this.o.pollMs ?? 10);
    timer.unref();
    h.stop = () => {
      clearInterval(timer);
      watchers.clear();
    };
    return {
      pin,
      read: () => readValue(h),
      watch: (onChange) => {
        watchers.add(onChange);
        return () => watchers.delete(onChange);
      },
      release: () => this.release(pin, h),
    };
  }

  close(): Promise<void> {
    for (const [pin, h] of [...this.held]) this.release(pin, h);
    return Promise.resolve();
  }

  private async claim(pin: number, direction: 'in' | 'out', activeLow: boolean, edge: Edge | 'none'): Promise<Held> {
    if (this.held.has(pin)) throw new GpioError('busy', `GPIO ${pin} is already in use by Lintel: two features are configured on the same pin.`);
    const sysfs = this.map.sysfsNumber(pin);
    const dir = join(this.root, `gpio${sysfs}`);
    if (!existsSync(dir)) {
      const exportPath = join(this.root, 'export');
      try {
        writeFileSync(exportPath, String(sysfs));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EINVAL') {
          throw new GpioError('pin-range', `The kernel refused GPIO ${pin} as sysfs number ${sysfs} (EINVAL): the pin map (${this.map.describe()}) does not match this kernel; run "lintel doctor" and report it.`);
        }
        // EBUSY: exported by a previous run that was killed; the line is ours to reuse.
        if (code !== 'EBUSY') throw gpioFileError(err, exportPath, `export GPIO ${pin}`);
      }
    }
    const value = join(dir, 'value');
    await this.waitWritable(value, pin, sysfs);
    try {
      writeFileSync(join(dir, 'active_low'), activeLow ? '1' : '0');
      writeFileSync(join(dir, 'direction'), direction);
      if (direction === 'in') writeFileSync(join(dir, 'edge'), edge);
    } catch (err) {
      throw gpioFileError(err, dir, `configure GPIO ${pin}`);
    }
    let fd: number;
    try {
      fd = openSync(value, direction === 'out' ? 'r+' : 'r');
    } catch (err) {
      throw gpioFileError(err, value, `open GPIO ${pin}`);
    }
    const h: Held = { direction, fd, dir, sysfs };
    if (direction === 'out') writeValue(h, false);
    this.held.set(pin, h);
    return h;
  }

  /** udev changes the new files' group a moment after the export: until then they are root's. */
  private async waitWritable(path: string, pin: number, sysfs: number): Promise<void> {
    const deadline = Date.now() + (this.o.exportTimeoutMs ?? 2000);
    for (;;) {
      try {
        accessSync(path, constants.W_OK);
        return;
      } catch (err) {
        if (Date.now() >= deadline) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
            throw new GpioError('timeout', `GPIO ${pin} (sysfs ${sysfs}) did not appear after export: check that nothing else (a device-tree overlay, another service) owns this pin.`);
          }
          throw gpioFileError(err, path, `use GPIO ${pin}`);
        }
      }
      await sleep(10);
    }
  }

  private release(pin: number, h: Held): void {
    if (this.held.get(pin) !== h) return;
    this.held.delete(pin);
    h.stop?.();
    try {
      // An LED left lit by a crashed process would lie about the room: switch it off first.
      if (h.direction === 'out') writeValue(h, false);
      closeSync(h.fd);
      writeFileSync(join(this.root, 'unexport'), String(h.sysfs));
    } catch {
      // Releasing on exit: the kernel frees the line when the process ends anyway.
    }
  }
}

function writeValue(h: Held, active: boolean): void {
  writeSync(h.fd, active ? '1' : '0', 0);
}

const readBuffer = Buffer.alloc(2);
function readValue(h: Held): boolean {
  const n = readSync(h.fd, readBuffer, 0, 2, 0);
  return n > 0 && readBuffer[0] === 0x31;
}
