import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpiMessage, SpiOptions } from 'spi-device';
import { describe, expect, it } from 'vitest';
import { openSpidevBus, readSpidevBufsiz, type SpidevOpener } from '../../../hardware/eink/spi/spidev-bus.js';

const dir = mkdtempSync(join(tmpdir(), 'lintel-spidev-'));
const missing = join(dir, 'no-such-bufsiz');

function bufsizFile(text: string): string {
  const path = join(dir, `bufsiz-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, text);
  return path;
}

/** An opener that records what spi-device would have been asked to do. */
function recorder() {
  const opened: Array<{ bus: number; device: number; options: SpiOptions }> = [];
  const messages: SpiMessage[] = [];
  let closed = 0;
  const opener: SpidevOpener = (bus, device, options) => {
    opened.push({ bus, device, options });
    return {
      transferSync: (message) => {
        // Copies, since the bus may hand out views of the caller's buffer.
        messages.push(message.map((t) => ({ ...t, sendBuffer: Buffer.from(t.sendBuffer ?? Buffer.alloc(0)) })));
      },
      closeSync: () => void closed++,
    };
  };
  return { opener, opened, messages, closed: () => closed };
}

function errnoError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe('spidev SPI bus', () => {
  it('opens /dev/spidevB.C in mode 0 at 4 MHz and splits writes at the kernel bufsiz', async () => {
    const r = recorder();
    const bus = await openSpidevBus({ bus: 0, device: 1, bufsizPath: bufsizFile('100\n'), opener: r.opener });
    expect(r.opened).toEqual([{ bus: 0, device: 1, options: { mode: 0, maxSpeedHz: 4_000_000 } }]);
    expect(bus.path).toBe('/dev/spidev0.1');
    expect(bus.chunkSize).toBe(100);

    const bytes = Uint8Array.from({ length: 250 }, (_, i) => i);
    bus.write(bytes);
    // One transfer per ioctl: spidev counts all transfers of a message against bufsiz.
    expect(r.messages.map((m) => m.length)).toEqual([1, 1, 1]);
    expect(r.messages.map((m) => m[0]!.byteLength)).toEqual([100, 100, 50]);
    expect(r.messages.every((m) => m[0]!.speedHz === 4_000_000)).toBe(true);
    expect(Buffer.concat(r.messages.map((m) => m[0]!.sendBuffer!))).toEqual(Buffer.from(bytes));
  });

  it('uses 4096 when bufsiz cannot be read, so a 48,000-byte frame takes 12 transfers', async () => {
    expect(readSpidevBufsiz(missing)).toBe(4096);
    expect(readSpidevBufsiz(bufsizFile('not a number'))).toBe(4096);
    expect(readSpidevBufsiz(bufsizFile('0'))).toBe(4096);
    const r = recorder();
    const bus = await openSpidevBus({ bufsizPath: missing, opener: r.opener });
    bus.write(new Uint8Array(48_000).fill(0xaa));
    expect(r.messages.map((m) => m[0]!.byteLength)).toEqual([...new Array<number>(11).fill(4096), 2944]);
  });

  it('sends the right bytes from a view into a larger buffer', async () => {
    const r = recorder();
    const bus = await openSpidevBus({ bufsizPath: bufsizFile('4'), opener: r.opener });
    const backing = Uint8Array.from([9, 9, 1, 2, 3, 4, 5, 9]);
    bus.write(backing.subarray(2, 7));
    expect(r.messages.map((m) => [...m[0]!.sendBuffer!])).toEqual([[1, 2, 3, 4], [5]]);
  });

  it('closes once and refuses writes afterwards', async () => {
    const r = recorder();
    const bus = await openSpidevBus({ bufsizPath: missing, opener: r.opener });
    bus.close();
    bus.close();
    expect(r.closed()).toBe(1);
    expect(() => bus.write(Uint8Array.of(1))).toThrow('SPI device /dev/spidev0.0 is closed');
  });

  it('says where a transfer failed', async () => {
    let calls = 0;
    const opener: SpidevOpener = () => ({
      transferSync: () => {
        if (++calls === 2) throw errnoError('EIO', 'EIO, i/o error');
      },
      closeSync: () => undefined,
    });
    const bus = await openSpidevBus({ bufsizPath: bufsizFile('10'), opener });
    expect(() => bus.write(new Uint8Array(25))).toThrow('SPI write to /dev/spidev0.0 failed after 10 of 25 bytes: EIO, i/o error');
  });

  it('tells how to enable SPI when the device node is missing', async () => {
    const opener: SpidevOpener = () => {
      throw errnoError('ENOENT', 'ENOENT, No such file or directory');
    };
    const failure = openSpidevBus({ bufsizPath: missing, opener });
    await expect(failure).rejects.toThrow(/^\/dev\/spidev0\.0 does not exist: SPI is not enabled\. Add "dtparam=spi=on" to \/boot\/firmware\/config\.txt/);
    await expect(failure).rejects.toThrow(/then reboot\. \(ENOENT, No such file or directory\)$/);
    await expect(failure).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('tells how to get permission when the device node is not accessible', async () => {
    const opener: SpidevOpener = () => {
      throw errnoError('EACCES', 'EACCES, Permission denied');
    };
    await expect(openSpidevBus({ bus: 1, device: 2, bufsizPath: missing, opener })).rejects.toThrow(
      'no permission to open /dev/spidev1.2: add the user to group spi ("sudo usermod -aG spi <user>"), then log out and in again or reboot. (EACCES, Permission denied)',
    );
  });

  it('gives the same advice from the real spi-device module on a bus that does not exist', async () => {
    await expect(openSpidevBus({ bus: 99, device: 0, bufsizPath: missing })).rejects.toThrow(
      /^\/dev\/spidev99\.0 does not exist: SPI is not enabled\. Add "dtparam=spi=on"/,
    );
  });
});
