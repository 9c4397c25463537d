import { SimulatedGpio } from '../../../hardware/gpio/simulated-gpio.js';
import { SysfsGpio } from '../../../hardware/gpio/sysfs-gpio.js';
import { FakeSysfs, PI_TREES, type PiTree } from '../../helpers/fake-sysfs.js';
import { describeGpioContract } from './gpio-contract.js';

describeGpioContract('simulated', () => {
  const port = new SimulatedGpio();
  return Promise.resolve({ port, physical: (pin) => port.level(pin), drive: (pin, level) => port.drive(pin, level), dispose: () => undefined });
});

for (const tree of Object.keys(PI_TREES) as PiTree[]) {
  describeGpioContract(`sysfs on a fake ${tree} tree`, () => {
    const fake = FakeSysfs.of(tree);
    const port = SysfsGpio.open({ root: fake.root, pollMs: 2 });
    return Promise.resolve({ port, physical: (pin) => fake.physical(pin), drive: (pin, level) => fake.drive(pin, level), dispose: () => fake.close() });
  });
}
