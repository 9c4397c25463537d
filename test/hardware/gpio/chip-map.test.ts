import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChipMap } from '../../../hardware/gpio/chip-map.js';
import { createGpio } from '../../../hardware/gpio/create-gpio.js';
import { gpioFileError } from '../../../hardware/gpio/gpio-error.js';
import { SysfsGpio } from '../../../hardware/gpio/sysfs-gpio.js';
import { FakeSysfs, type PiTree } from '../../helpers/fake-sysfs.js';

const fakes: FakeSysfs[] = [];
const tree = (t: PiTree | ConstructorParameters<typeof FakeSysfs>[0]): FakeSysfs => {
  const f = typeof t === 'string' ? FakeSysfs.of(t) : new FakeSysfs(t);
  fakes.push(f);
  return f;
};
afterEach(() => {
  for (const f of fakes.splice(0)) f.close();
});

describe('BCM to sysfs numbers', () => {
  it.each([
    ['pi3-kernel-6.1', 17],
    ['pi3-kernel-6.6', 529],
    ['pi4-kernel-6.6', 529],
    ['pi5-kernel-6.6', 588],
  ] as const)('%s: GPIO17 is sysfs %i', (name, expected) => {
    expect(ChipMap.read(tree(name).root).sysfsNumber(17)).toBe(expected);
  });

  it('on a Pi 5 picks the RP1 chip by its label, not the first chip listed', () => {
    const map = ChipMap.read(tree('pi5-kernel-6.6').root);
    expect(map.chip.label).toBe('pinctrl-rp1');
    expect(map.describe()).toBe('gpiochip571 (pinctrl-rp1), base 571');
  });

  it('exports the mapped number, never the bare BCM number (EINVAL on kernel 6.6)', async () => {
    const fake = tree('pi4-kernel-6.6');
    const port = SysfsGpio.open({ root: fake.root });
    const led = await port.output(17);
    led.write(true);
    expect(fake.exports).toEqual([529]);
    expect(fake.refused).toEqual([]);
    expect(fake.file(17, 'direction')).toBe('out');
    await port.close();
    await vi.waitFor(() => expect(fake.isExported(17)).toBe(false));
  });

  it('checks the pin against the chip size', () => {
    const map = ChipMap.read(tree([{ base: 0, ngpio: 16, label: 'pinctrl-bcm2835' }]).root);
    expect(() => map.sysfsNumber(20)).toThrow('GPIO 20 is beyond gpiochip0, which has 16 lines.');
  });

  it('says what to do where sysfs GPIO is missing, or the board is not a Raspberry Pi', async () => {
    expect(() => ChipMap.read('/nonexistent/gpio')).toThrow(/sudo apt install gpiod/);
    const other = tree([{ base: 0, ngpio: 32, label: 'gpio-mockup-A' }]);
    expect(() => ChipMap.read(other.root)).toThrow(/None of the GPIO chips .* is a Raspberry Pi's .* found gpiochip0 "gpio-mockup-A"/);
    await expect(createGpio({ driver: 'auto', sysfsRoot: '/nonexistent/gpio' })).rejects.toThrow(/no sysfs GPIO .* "simulated"/);
  });

  it('tells the admin to join the gpio group on a permission error', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(gpioFileError(denied, '/sys/class/gpio/export', 'export GPIO 17').message).toBe(
      'No permission to export GPIO 17 (/sys/class/gpio/export): add the user running Lintel to the gpio group (sudo usermod -aG gpio "$USER"), then log out and in again or restart the service.',
    );
  });

  it('reuses a line a killed run left exported', async () => {
    const fake = tree('pi3-kernel-6.1');
    const first = SysfsGpio.open({ root: fake.root });
    await first.output(17);
    // No close(): the process died. The next run finds gpio17/ already there.
    const second = SysfsGpio.open({ root: fake.root });
    const led = await second.output(17);
    led.write(true);
    expect(fake.physical(17)).toBe(true);
    expect(fake.exports).toEqual([17]);
  });

  it('auto picks plain sysfs files when onoff cannot run (no /sys/class/gpio here)', async () => {
    const fake = tree('pi5-kernel-6.6');
    const port = await createGpio({ driver: 'auto', sysfsRoot: fake.root });
    expect(port.description).toBe(`sysfs gpiochip571 (pinctrl-rp1), base 571 at ${fake.root}`);
    await port.close();
    const sim = await createGpio({ driver: 'simulated' });
    expect(sim.description).toMatch(/simulated/);
  });

  it('waits for udev to make a freshly exported line writable, and times out with the reason', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lintel-sysfs-dead-'));
    try {
      mkdirSync(join(root, 'gpiochip512'));
      writeFileSync(join(root, 'gpiochip512', 'base'), '512');
      writeFileSync(join(root, 'gpiochip512', 'ngpio'), '58');
      writeFileSync(join(root, 'gpiochip512', 'label'), 'pinctrl-bcm2711');
      writeFileSync(join(root, 'export'), '');
      // No kernel behind this tree: the line never appears.
      const port = SysfsGpio.open({ root, exportTimeoutMs: 50 });
      await expect(port.output(4)).rejects.toThrow('GPIO 4 (sysfs 516) did not appear after export');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
