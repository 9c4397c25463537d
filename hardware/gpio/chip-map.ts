import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GpioError } from './gpio-error.js';

/** Labels of the SoC's own GPIO controller: Pi 1–3 and Zero 2 W, Pi 4, Pi 5 (through the RP1 chip). */
export const SOC_CHIP_LABELS = ['pinctrl-bcm2835', 'pinctrl-bcm2711', 'pinctrl-rp1'] as const;

export interface GpioChip {
  readonly name: string;
  readonly label: string;
  readonly base: number;
  readonly ngpio: number;
}

/** The highest BCM number on the 40-pin header. */
export const HEADER_MAX_BCM = 27;

export const DEFAULT_SYSFS_ROOT = '/sys/class/gpio';

function readTrim(path: string): string {
  return readFileSync(path, 'utf8').trim();
}

/** Every gpiochip the kernel lists under `root`; empty when sysfs GPIO is missing. */
export function readChips(root: string): GpioChip[] {
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => n.startsWith('gpiochip'));
  } catch {
    return [];
  }
  const chips: GpioChip[] = [];
  for (const name of names) {
    try {
      const base = Number(readTrim(join(root, name, 'base')));
      const ngpio = Number(readTrim(join(root, name, 'ngpio')));
      if (!Number.isInteger(base) || !Number.isInteger(ngpio)) continue;
      chips.push({ name, label: readTrim(join(root, name, 'label')), base, ngpio });
    } catch {
      // A chip being removed while we read it: skip it rather than fail the whole list.
    }
  }
  return chips.sort((a, b) => a.base - b.base);
}

/**
 * Maps BCM numbers to the kernel's sysfs numbers. Kernels from 6.6 on no longer put the SoC's
 * pins at 0 (a Pi 4 shows gpiochip512, a Pi 5 gpiochip571): writing a bare BCM number to
 * `export` then fails with EINVAL or, worse, claims a pin of another chip.
 */
export class ChipMap {
  private constructor(readonly chip: GpioChip) {}

  static read(root: string = DEFAULT_SYSFS_ROOT): ChipMap {
    const chips = readChips(root);
    if (chips.length === 0) {
      throw new GpioError(
        'unavailable',
        `No GPIO chips under ${root}: this kernel has no sysfs GPIO. Install the libgpiod tools (sudo apt install gpiod) and set "hardware": { "gpio": { "driver": "gpiod" } }, or set the driver to "simulated" on a machine without GPIO.`,
      );
    }
    const chip = chips.find((c) => (SOC_CHIP_LABELS as readonly string[]).includes(c.label));
    if (!chip) {
      const seen = chips.map((c) => `${c.name} "${c.label}"`).join(', ');
      throw new GpioError('no-chip', `None of the GPIO chips under ${root} is a Raspberry Pi's (${SOC_CHIP_LABELS.join(', ')}); found ${seen}. Lintel drives the 40-pin header of a Raspberry Pi 3, 4, 5 or Zero 2 W.`);
    }
    return new ChipMap(chip);
  }

  /** The sysfs number of a BCM pin. */
  sysfsNumber(bcm: number): number {
    if (!Number.isInteger(bcm) || bcm < 0 || bcm > HEADER_MAX_BCM) {
      throw new GpioError('pin-range', `GPIO ${bcm} is not a BCM pin of the 40-pin header: use 0–${HEADER_MAX_BCM} (BCM numbering, e.g. GPIO17 is physical pin 11).`);
    }
    if (bcm >= this.chip.ngpio) throw new GpioError('pin-range', `GPIO ${bcm} is beyond ${this.chip.name}, which has ${this.chip.ngpio} lines.`);
    return this.chip.base + bcm;
  }

  describe(): string {
    return `${this.chip.name} (${this.chip.label}), base ${this.chip.base}`;
  }
}
