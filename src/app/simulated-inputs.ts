import { z } from 'zod';
import type { ApiResult, SimulateRequest } from '../api/contract.js';
import type { HardwareConfig } from '../config/hardware-config.js';
import type { RunningHardware } from './hardware.js';

const requestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('button'), action: z.enum(['book-15', 'book-30', 'check-in', 'end']), long: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('motion') }),
]);

/** How long a virtual finger holds a short press, and a virtual PIR holds its output high. */
const SHORT_PRESS_MS = 120;
const PIR_HIGH_MS = 3000;

/**
 * Presses virtual buttons and waves at the virtual PIR by driving the simulated GPIO pins, so
 * debounce, long press and the sensor's rules run exactly as on a Pi. Null when GPIO is real.
 */
export function simulatedInputs(hw: RunningHardware, config: HardwareConfig): ((raw: unknown) => ApiResult<SimulateRequest>) | null {
  const gpio = hw.simulatedGpio;
  if (!gpio) return null;
  const pulse = (pin: number, activeLow: boolean, ms: number): void => {
    gpio.drive(pin, !activeLow);
    setTimeout(() => gpio.drive(pin, activeLow), ms).unref();
  };
  return (raw) => {
    const parsed = requestSchema.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'Send {"kind":"button","action":"book-15"} (actions: book-15, book-30, check-in, end; "long": true for a long press) or {"kind":"motion"}.' } };
    }
    const request = parsed.data;
    if (request.kind === 'motion') {
      if (!config.occupancy) return { ok: false, error: { code: 'NOT_FITTED', message: 'No motion sensor is configured: add "occupancy": { "pin": 23 } to the config.' } };
      pulse(config.occupancy.pin, config.occupancy.activeLow ?? false, PIR_HIGH_MS);
      return { ok: true, value: request };
    }
    const button = config.buttons.pins.find((b) => b.action === request.action);
    if (!button) return { ok: false, error: { code: 'NOT_FITTED', message: `No button is configured for "${request.action}": add it under "buttons.pins".` } };
    pulse(button.pin, button.activeLow ?? true, request.long ? config.buttons.longPressMs + 200 : SHORT_PRESS_MS);
    return { ok: true, value: request };
  };
}
