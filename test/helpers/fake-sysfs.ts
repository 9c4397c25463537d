import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ChipSpec {
  readonly base: number;
  readonly ngpio: number;
  readonly label: string;
}

/** The gpiochips real Raspberry Pi kernels list under /sys/class/gpio (from `ls` on each board). */
export const PI_TREES = {
  /** Pi 3 / Zero 2 W on a kernel before 6.6: the SoC at base 0. */
  'pi3-kernel-6.1': [
    { base: 0, ngpio: 54, label: 'pinctrl-bcm2835' },
    { base: 504, ngpio: 8, label: 'raspberrypi-exp-gpio' },
  ],
  'pi3-kernel-6.6': [
    { base: 512, ngpio: 54, label: 'pinctrl-bcm2835' },
    { base: 566, ngpio: 8, label: 'raspberrypi-exp-gpio' },
  ],
  'pi4-kernel-6.6': [
    { base: 512, ngpio: 58, label: 'pinctrl-bcm2711' },
    { base: 570, ngpio: 8, label: 'raspberrypi-exp-gpio' },
  ],
  /** Pi 5: the header is on the RP1 chip, listed after four chips of the SoC itself. */
  'pi5-kernel-6.6': [
    { base: 512, ngpio: 32, label: 'gpio-brcmstb@107d508500' },
    { base: 544, ngpio: 4, label: 'gpio-brcmstb@107d508520' },
    { base: 548, ngpio: 17, label: 'gpio-brcmstb@107d517c00' },
    { base: 565, ngpio: 6, label: 'gpio-brcmstb@107d517c20' },
    { base: 571, ngpio: 54, label: 'pinctrl-rp1' },
  ],
} as const satisfies Record<string, readonly ChipSpec[]>;

export type PiTree = keyof typeof PI_TREES;

/**
 * A sysfs GPIO tree in a temp folder with a tiny stand-in for the kernel: it reads what is written
 * to `export`/`unexport` and creates or removes `gpioN/` with the files the real kernel makes.
 * Levels are physical, as a multimeter on the header would see them (value XOR active_low).
 */
export class FakeSysfs {
  readonly root: string;
  /** Numbers written to export that belong to no chip: the real kernel answers EINVAL. */
  readonly refused: number[] = [];
  readonly exports: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(readonly chips: readonly ChipSpec[]) {
    this.root = mkdtempSync(join(tmpdir(), 'lintel-sysfs-'));
    for (const c of chips) {
      const dir = join(this.root, `gpiochip${c.base}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'base'), `${c.base}\n`);
      writeFileSync(join(dir, 'ngpio'), `${c.ngpio}\n`);
      writeFileSync(join(dir, 'label'), `${c.label}\n`);
    }
    writeFileSync(join(this.root, 'export'), '');
    writeFileSync(join(this.root, 'unexport'), '');
    this.timer = setInterval(() => this.kernel(), 2);
  }

  static of(tree: PiTree): FakeSysfs {
    return new FakeSysfs(PI_TREES[tree]);
  }

  sysfsOf(bcm: number): number {
    const soc = this.chips.find((c) => c.label.startsWith('pinctrl-'));
    if (!soc) throw new Error('no SoC chip in this tree');
    return soc.base + bcm;
  }

  isExported(bcm: number): boolean {
    return existsSync(join(this.root, `gpio${this.sysfsOf(bcm)}`));
  }

  file(bcm: number, name: string): string {
    return readFileSync(join(this.root, `gpio${this.sysfsOf(bcm)}`, name), 'utf8').trim();
  }

  /** Physical level, or null when the pin is not exported. */
  physical(bcm: number): boolean | null {
    if (!this.isExported(bcm)) return null;
    return (this.file(bcm, 'value') === '1') !== (this.file(bcm, 'active_low') === '1');
  }

  /** Drives an input pin's wire (a button, the PIR). */
  drive(bcm: number, level: boolean): void {
    const activeLow = this.file(bcm, 'active_low') === '1';
    writeFileSync(join(this.root, `gpio${this.sysfsOf(bcm)}`, 'value'), level !== activeLow ? '1' : '0');
  }

  close(): void {
    clearInterval(this.timer);
    rmSync(this.root, { recursive: true, force: true });
  }

  private kernel(): void {
    for (const n of this.take('export')) {
      if (!this.chips.some((c) => n >= c.base && n < c.base + c.ngpio)) {
        this.refused.push(n);
        continue;
      }
      this.exports.push(n);
      const dir = join(this.root, `gpio${n}`);
      mkdirSync(dir, { recursive: true });
      for (const [f, v] of [['direction', 'in'], ['value', '0'], ['edge', 'none'], ['active_low', '0']]) writeFileSync(join(dir, f as string), `${v as string}\n`);
    }
    for (const n of this.take('unexport')) rmSync(join(this.root, `gpio${n}`), { recursive: true, force: true });
  }

  private take(name: string): number[] {
    const path = join(this.root, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return [];
    }
    if (text === '') return [];
    writeFileSync(path, '');
    return text
      .split(/\s+/)
      .filter((t) => t !== '')
      .map(Number);
  }
}
