import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SYSFS_ROOT } from './chip-map.js';
import type { GpioPort } from './gpio-port.js';
import { GpioError } from './gpio-error.js';

export type GpioDriver = 'auto' | 'sysfs' | 'simulated';

export interface GpioChoice {
  readonly driver: GpioDriver;
  /** Only for tests and unusual kernels; onoff itself always uses /sys/class/gpio. */
  readonly sysfsRoot?: string;
  readonly pollMs?: number;
}

/**
 * Picks how to reach the pins; drivers are imported only when chosen, so a laptop never loads
 * native GPIO code. `auto`: onoff where it works, else the same sysfs files read directly.
 */
export async function createGpio(choice: GpioChoice): Promise<GpioPort> {
  if (choice.driver === 'simulated') {
    const { SimulatedGpio } = await import('./simulated-gpio.js');
    return new SimulatedGpio();
  }
  const root = choice.sysfsRoot ?? DEFAULT_SYSFS_ROOT;
  if (!existsSync(join(root, 'export'))) {
    throw new GpioError(
      'unavailable',
      `This kernel has no sysfs GPIO (${root}/export is missing; newer Raspberry Pi OS kernels may drop it). Lintel needs it for LEDs, buttons and the motion sensor: use a kernel with CONFIG_GPIO_SYSFS (Raspberry Pi OS Bookworm has it), or set "hardware.gpio.driver" to "simulated" to run without GPIO.`,
    );
  }
  if (choice.driver === 'auto' && root === DEFAULT_SYSFS_ROOT) {
    const { OnoffGpio } = await import('./onoff-gpio.js');
    const onoff = await OnoffGpio.open();
    if (onoff) return onoff;
  }
  const { SysfsGpio } = await import('./sysfs-gpio.js');
  return SysfsGpio.open({ root, ...(choice.pollMs !== undefined ? { pollMs: choice.pollMs } : {}) });
}
