import type { Buttons } from '../../hardware/buttons/buttons.js';
import type { GpioPort } from '../../hardware/gpio/gpio-port.js';
import type { SimulatedGpio } from '../../hardware/gpio/simulated-gpio.js';
import { createLeds, type Leds } from '../../hardware/leds/leds.js';
import type { Occupancy } from '../../hardware/occupancy/occupancy.js';
import type { HardwareConfig } from '../config/hardware-config.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

export interface HardwareOptions {
  readonly config: HardwareConfig;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** What the door's hardware offers the core, once opened. */
export interface RunningHardware {
  readonly gpio: GpioPort | null;
  /** Set when GPIO is simulated: the dev API presses virtual buttons and waves at the virtual PIR through it. */
  readonly simulatedGpio: SimulatedGpio | null;
  readonly leds: Leds | null;
  readonly buttons: Buttons | null;
  readonly occupancy: Occupancy | null;
  close(): Promise<void>;
}

const needsGpio = (c: HardwareConfig): boolean =>
  c.leds.driver === 'gpio' || c.buttons.pins.length > 0 || c.occupancy !== null || ((c.panel.type === 'waveshare-7in5-v2' || c.panel.type === 'waveshare-4in2-v2') && !c.panel.simulate);

/**
 * Opens GPIO, LEDs, buttons and the motion sensor as configured. Everything opened is closed again
 * if a later part fails, so a bad pin leaves no LED lit and no line exported.
 */
export async function openHardware(o: HardwareOptions): Promise<RunningHardware> {
  const { config, clock } = o;
  const opened: Array<{ close(): Promise<void> }> = [];
  const closeAll = async (): Promise<void> => {
    for (const part of opened.splice(0).reverse()) await part.close().catch(() => undefined);
  };
  try {
    let gpio: GpioPort | null = null;
    let simulatedGpio: SimulatedGpio | null = null;
    if (needsGpio(config)) {
      const { createGpio } = await import('../../hardware/gpio/create-gpio.js');
      gpio = await createGpio({ driver: config.gpio.driver, ...(config.gpio.sysfsRoot ? { sysfsRoot: config.gpio.sysfsRoot } : {}) });
      opened.push(gpio);
      const { SimulatedGpio } = await import('../../hardware/gpio/simulated-gpio.js');
      if (gpio instanceof SimulatedGpio) simulatedGpio = gpio;
      o.logger.info({ event: 'hardware.gpio', gpio: gpio.description }, 'GPIO ready');
    }
    const leds = await createLeds(config.leds.driver === 'gpio' && gpio && config.leds.pins ? { driver: 'gpio', gpio, pins: config.leds.pins } : { driver: config.leds.driver === 'gpio' ? 'none' : config.leds.driver });
    if (leds) {
      await leds.open();
      opened.push(leds);
    }
    let buttons: Buttons | null = null;
    if (gpio && config.buttons.pins.length > 0) {
      const { GpioButtons, DEFAULT_BUTTON_TIMING } = await import('../../hardware/buttons/gpio-buttons.js');
      buttons = new GpioButtons(gpio, config.buttons.pins, { ...DEFAULT_BUTTON_TIMING, longPressMs: config.buttons.longPressMs });
      await buttons.open();
      opened.push(buttons);
    }
    let occupancy: Occupancy | null = null;
    if (gpio && config.occupancy) {
      const { PirOccupancy } = await import('../../hardware/occupancy/pir-occupancy.js');
      occupancy = new PirOccupancy(gpio, config.occupancy, clock);
      await occupancy.open();
      opened.push(occupancy);
    }
    return { gpio, simulatedGpio, leds, buttons, occupancy, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
