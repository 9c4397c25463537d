import { readFileSync } from 'node:fs';
import type { SpiMessage, SpiOptions } from 'spi-device';
import type { SpiBus } from './spi-bus.js';

export const SPIDEV_BUFSIZ_PATH = '/sys/module/spidev/parameters/bufsiz';
/** The kernel's default for spidev's `bufsiz` module parameter. */
export const DEFAULT_SPIDEV_BUFSIZ = 4096;

/** The part of spi-device's `SpiDevice` this bus uses. */
export interface SpidevHandle {
  transferSync(message: SpiMessage): unknown;
  closeSync(): void;
}

export type SpidevOpener = (bus: number, device: number, options: SpiOptions) => SpidevHandle;

export interface SpidevBusOptions {
  /** B in /dev/spidevB.C; 0 on the e-Paper HAT. */
  readonly bus?: number;
  /** C in /dev/spidevB.C; 0 (CE0) on the e-Paper HAT. */
  readonly device?: number;
  /** 4 MHz, the vendor's speed (epdconfig.py); the controllers allow more, long ribbons less. */
  readonly speedHz?: number;
  readonly bufsizPath?: string;
  /** Defaults to spi-device's `openSync`, loaded only when needed so machines without SPI never load the native module. */
  readonly opener?: SpidevOpener;
}

/**
 * spidev refuses any message longer than its `bufsiz` (EMSGSIZE), counting all transfers of one
 * ioctl together, so long writes become one ioctl per chunk. Chip select goes high between
 * chunks; both panels accept that, and the vendor's `writebytes2` splits the same way.
 */
export class SpidevBus implements SpiBus {
  private handle: SpidevHandle | null;

  constructor(
    handle: SpidevHandle,
    readonly path: string,
    readonly chunkSize: number,
    private readonly speedHz: number,
  ) {
    this.handle = handle;
  }

  write(bytes: Uint8Array): void {
    const handle = this.handle;
    if (!handle) throw new Error(`SPI device ${this.path} is closed`);
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let offset = 0; offset < buffer.length; offset += this.chunkSize) {
      const chunk = buffer.subarray(offset, offset + this.chunkSize);
      try {
        handle.transferSync([{ sendBuffer: chunk, byteLength: chunk.length, speedHz: this.speedHz }]);
      } catch (err) {
        throw new Error(`SPI write to ${this.path} failed after ${offset} of ${buffer.length} bytes: ${(err as Error).message}`, { cause: err });
      }
    }
  }

  close(): void {
    const handle = this.handle;
    this.handle = null;
    handle?.closeSync();
  }
}

export async function openSpidevBus(options: SpidevBusOptions = {}): Promise<SpidevBus> {
  const bus = options.bus ?? 0;
  const device = options.device ?? 0;
  const speedHz = options.speedHz ?? 4_000_000;
  const path = `/dev/spidev${bus}.${device}`;
  const chunkSize = readSpidevBufsiz(options.bufsizPath ?? SPIDEV_BUFSIZ_PATH);
  const opener = options.opener ?? (await loadSpiDevice());
  let handle: SpidevHandle;
  try {
    handle = opener(bus, device, { mode: 0, maxSpeedHz: speedHz });
  } catch (err) {
    throw spidevOpenError(err, path);
  }
  return new SpidevBus(handle, path, chunkSize, speedHz);
}

/** spidev's `bufsiz`, or the kernel default when the module parameter cannot be read. */
export function readSpidevBufsiz(path: string = SPIDEV_BUFSIZ_PATH): number {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return DEFAULT_SPIDEV_BUFSIZ;
  }
  const value = Number.parseInt(text.trim(), 10);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_SPIDEV_BUFSIZ;
}

/** Turns the errno of a failed open into what to do about it. */
export function spidevOpenError(err: unknown, path: string): Error {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  let advice: string;
  switch (code) {
    case 'ENOENT':
      advice =
        `${path} does not exist: SPI is not enabled. Add "dtparam=spi=on" to /boot/firmware/config.txt ` +
        `(/boot/config.txt on releases before Bookworm) or run "sudo raspi-config nonint do_spi 0", then reboot.`;
      break;
    case 'EACCES':
    case 'EPERM':
      advice = `no permission to open ${path}: add the user to group spi ("sudo usermod -aG spi <user>"), then log out and in again or reboot.`;
      break;
    case 'EBUSY':
      advice = `${path} is in use by another program (another e-paper script or service?): stop it and try again.`;
      break;
    default:
      advice = `cannot open ${path}.`;
  }
  return Object.assign(new Error(`${advice} (${detail})`, { cause: err }), code ? { code } : {});
}

async function loadSpiDevice(): Promise<SpidevOpener> {
  try {
    const spi = (await import('spi-device')).default;
    return (bus, device, options) => spi.openSync(bus, device, options);
  } catch (err) {
    throw new Error(
      `spi-device's native module did not load (${(err as Error).message}); reinstall it with "npm rebuild spi-device" (for Electron, rebuild it against Electron's ABI).`,
      { cause: err },
    );
  }
}
