import { z } from 'zod';
import { DEFAULT_BUTTON_TIMING, type ButtonPin } from '../../hardware/buttons/gpio-buttons.js';
import { HAT_PINS } from '../../hardware/eink/spi/epd-driver.js';
import type { LedPins } from '../../hardware/leds/gpio-leds.js';
import { DEFAULT_PIR, type PirSettings } from '../../hardware/occupancy/pir-occupancy.js';
import type { LedHours } from '../domain/led-hours.js';

/** A BCM pin on the 40-pin header (GPIO17 is physical pin 11). */
const pin = z.int().min(0).max(27);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'write a 24-hour time such as "07:00"' });

export const PANEL_TYPES = ['lcd', 'waveshare-7in5-v2', 'waveshare-4in2-v2', 'waveshare-4in3-uart'] as const;
export type PanelType = (typeof PANEL_TYPES)[number];

/** Keys of the config file for GPIO, LEDs, buttons, the motion sensor and the panel (issue 5). */
export const hardwareKeys = {
  gpio: z
    .strictObject({
      /** auto: onoff on a Pi, plain sysfs files where onoff cannot load; simulated: no hardware. */
      driver: z.enum(['auto', 'sysfs', 'simulated']).optional(),
      sysfsRoot: z.string().startsWith('/').optional(),
    })
    .optional(),
  leds: z
    .strictObject({
      driver: z.enum(['simulated', 'gpio', 'none']).optional(),
      red: pin.optional(),
      green: pin.optional(),
      /** A third LED for "soon" and "check in" (amber or blue); without it red + green light together. */
      amber: pin.optional(),
      activeLow: z.boolean().optional(),
      /** Outside these hours the LEDs stay dark. */
      hours: z
        .strictObject({ from: hhmm, to: hhmm, days: z.array(z.int().min(1).max(7)).min(1).max(7).optional() })
        .optional(),
    })
    .optional(),
  buttons: z
    .strictObject({
      pins: z.array(z.strictObject({ pin, action: z.enum(['book-15', 'book-30', 'check-in', 'end']), activeLow: z.boolean().optional() })).max(6),
      longPressSeconds: z.int().min(2).max(30).optional(),
    })
    .optional(),
  occupancy: z
    .strictObject({
      pin,
      activeLow: z.boolean().optional(),
      warmUpSeconds: z.int().min(0).max(600).optional(),
      holdSeconds: z.int().min(0).max(3600).optional(),
      vacantAfterMinutes: z.int().min(1).max(120).optional(),
    })
    .optional(),
  panel: z
    .strictObject({
      type: z.enum(PANEL_TYPES).optional(),
      /** Draw on a simulated panel (PNG files) instead of the real one. */
      simulate: z.boolean().optional(),
      spiDevice: z.string().startsWith('/dev/').optional(),
      serialPath: z.string().startsWith('/').optional(),
      pins: z.strictObject({ rst: pin.optional(), dc: pin.optional(), busy: pin.optional(), pwr: pin.optional() }).optional(),
      /** A full refresh after this many partial ones, against ghosting. */
      fullRefreshEvery: z.int().min(1).max(100).optional(),
      /** And one every night at this time. */
      nightlyRefreshAt: hhmm.optional(),
      /** Never refresh more often than this (Waveshare asks for at least 180 s between refreshes). */
      minIntervalSeconds: z.int().min(0).max(3600).optional(),
    })
    .optional(),
};

export const HARDWARE_EXAMPLES: Record<string, string> = {
  gpio: '"gpio": { "driver": "auto" }',
  'gpio.driver': '"driver": "auto"',
  'gpio.sysfsRoot': '"sysfsRoot": "/sys/class/gpio"',
  leds: '"leds": { "driver": "gpio", "red": 17, "green": 27, "amber": 22 }',
  'leds.driver': '"driver": "gpio"',
  'leds.red': '"red": 17',
  'leds.green': '"green": 27',
  'leds.amber': '"amber": 22',
  'leds.activeLow': '"activeLow": false',
  'leds.hours': '"hours": { "from": "07:00", "to": "19:00", "days": [1, 2, 3, 4, 5] }',
  'leds.hours.from': '"from": "07:00"',
  'leds.hours.to': '"to": "19:00"',
  'leds.hours.days': '"days": [1, 2, 3, 4, 5]',
  buttons: '"buttons": { "pins": [{ "pin": 5, "action": "book-15" }, { "pin": 6, "action": "check-in" }] }',
  'buttons.pins': '"pins": [{ "pin": 5, "action": "book-15" }]',
  'buttons.pins.pin': '"pin": 5',
  'buttons.pins.action': '"action": "check-in" (one of book-15, book-30, check-in, end)',
  'buttons.pins.activeLow': '"activeLow": true',
  'buttons.longPressSeconds': '"longPressSeconds": 5',
  occupancy: '"occupancy": { "pin": 23, "vacantAfterMinutes": 10 }',
  'occupancy.pin': '"pin": 23',
  'occupancy.warmUpSeconds': '"warmUpSeconds": 60',
  'occupancy.holdSeconds': '"holdSeconds": 30',
  'occupancy.vacantAfterMinutes': '"vacantAfterMinutes": 10',
  panel: '"panel": { "type": "waveshare-7in5-v2" }',
  'panel.type': `"type": "waveshare-7in5-v2" (one of ${PANEL_TYPES.join(', ')})`,
  'panel.simulate': '"simulate": false',
  'panel.spiDevice': '"spiDevice": "/dev/spidev0.0"',
  'panel.serialPath': '"serialPath": "/dev/ttyAMA0"',
  'panel.pins': '"pins": { "rst": 17, "dc": 25, "busy": 24 }',
  'panel.fullRefreshEvery': '"fullRefreshEvery": 10',
  'panel.nightlyRefreshAt': '"nightlyRefreshAt": "03:00"',
  'panel.minIntervalSeconds': '"minIntervalSeconds": 180',
};

interface PinUse {
  readonly path: Array<string | number>;
  readonly pin: number | undefined;
}

export type HardwareFile = { [K in keyof typeof hardwareKeys]?: z.infer<(typeof hardwareKeys)[K]> };

/** Every configured pin with where it was set, for the "one pin, one job" check. */
function pinUses(file: HardwareFile): PinUse[] {
  const uses: PinUse[] = [];
  if (file.leds?.driver === 'gpio') for (const c of ['red', 'green', 'amber'] as const) uses.push({ path: ['leds', c], pin: file.leds[c] });
  file.buttons?.pins.forEach((b, i) => uses.push({ path: ['buttons', 'pins', i, 'pin'], pin: b.pin }));
  if (file.occupancy) uses.push({ path: ['occupancy', 'pin'], pin: file.occupancy.pin });
  const t = file.panel?.type;
  if (t === 'waveshare-7in5-v2' || t === 'waveshare-4in2-v2') {
    const p = file.panel?.pins ?? {};
    uses.push({ path: ['panel', 'pins', 'rst'], pin: p.rst ?? HAT_PINS.rst }, { path: ['panel', 'pins', 'dc'], pin: p.dc ?? HAT_PINS.dc }, { path: ['panel', 'pins', 'busy'], pin: p.busy ?? HAT_PINS.busy });
    if (p.pwr !== undefined) uses.push({ path: ['panel', 'pins', 'pwr'], pin: p.pwr });
    // The SPI bus itself: CE0, MOSI, SCLK.
    for (const [n, what] of [[8, 'SPI CE0'], [10, 'SPI MOSI'], [11, 'SPI SCLK']] as const) uses.push({ path: [what], pin: n });
  }
  return uses;
}

/** LEDs on GPIO need their pins; no pin may serve two jobs (the e-paper HAT takes 17, 24, 25 and the SPI pins). */
export function checkHardware(file: HardwareFile, ctx: z.RefinementCtx): void {
  if (file.leds?.driver === 'gpio') {
    for (const c of ['red', 'green'] as const) {
      if (file.leds[c] === undefined) ctx.addIssue({ code: 'custom', path: ['leds', c], message: `is needed when "driver" is "gpio": the BCM pin of the ${c} LED` });
    }
  }
  const seen = new Map<number, string>();
  for (const use of pinUses(file)) {
    if (use.pin === undefined) continue;
    const where = use.path.filter((p) => typeof p === 'string').join('.');
    const before = seen.get(use.pin);
    if (before !== undefined) {
      ctx.addIssue({ code: 'custom', path: use.path, message: `GPIO ${use.pin} is already used by ${before}; every pin can do one job` });
    } else seen.set(use.pin, where);
  }
}

export interface PanelConfig {
  readonly type: PanelType;
  readonly simulate: boolean;
  readonly spiDevice: string;
  readonly serialPath: string;
  readonly pins: { readonly rst: number; readonly dc: number; readonly busy: number; readonly pwr: number | null };
  readonly fullRefreshEvery: number;
  readonly nightlyRefreshAt: string;
  readonly minIntervalMs: number;
}

export interface HardwareConfig {
  readonly gpio: { readonly driver: 'auto' | 'sysfs' | 'simulated'; readonly sysfsRoot: string | null };
  readonly leds: {
    readonly driver: 'simulated' | 'gpio' | 'none';
    readonly pins: LedPins | null;
    readonly hours: LedHours | null;
  };
  readonly buttons: { readonly pins: readonly ButtonPin[]; readonly longPressMs: number };
  readonly occupancy: PirSettings | null;
  readonly panel: PanelConfig;
}

const WEEKDAYS = [1, 2, 3, 4, 5];
/** Waveshare's e-paper precautions: at least 180 s between refreshes. */
const DEFAULT_MIN_INTERVAL_S = 180;

export function resolveHardware(file: HardwareFile): HardwareConfig {
  const leds = file.leds;
  const occ = file.occupancy;
  return {
    gpio: { driver: file.gpio?.driver ?? 'auto', sysfsRoot: file.gpio?.sysfsRoot ?? null },
    leds: {
      driver: leds?.driver ?? 'simulated',
      pins:
        leds?.driver === 'gpio' && leds.red !== undefined && leds.green !== undefined
          ? { red: leds.red, green: leds.green, ...(leds.amber !== undefined ? { amber: leds.amber } : {}), activeLow: leds.activeLow ?? false }
          : null,
      hours: leds?.hours ? { from: leds.hours.from, to: leds.hours.to, days: leds.hours.days ?? WEEKDAYS } : null,
    },
    buttons: { pins: file.buttons?.pins ?? [], longPressMs: (file.buttons?.longPressSeconds ?? DEFAULT_BUTTON_TIMING.longPressMs / 1000) * 1000 },
    occupancy: occ
      ? {
          pin: occ.pin,
          activeLow: occ.activeLow ?? false,
          warmUpMs: (occ.warmUpSeconds ?? DEFAULT_PIR.warmUpMs / 1000) * 1000,
          holdMs: (occ.holdSeconds ?? DEFAULT_PIR.holdMs / 1000) * 1000,
          vacantAfterMs: (occ.vacantAfterMinutes ?? DEFAULT_PIR.vacantAfterMs / 60_000) * 60_000,
        }
      : null,
    panel: {
      type: file.panel?.type ?? 'lcd',
      simulate: file.panel?.simulate ?? false,
      spiDevice: file.panel?.spiDevice ?? '/dev/spidev0.0',
      serialPath: file.panel?.serialPath ?? '/dev/ttyAMA0',
      pins: { rst: file.panel?.pins?.rst ?? HAT_PINS.rst, dc: file.panel?.pins?.dc ?? HAT_PINS.dc, busy: file.panel?.pins?.busy ?? HAT_PINS.busy, pwr: file.panel?.pins?.pwr ?? null },
      fullRefreshEvery: file.panel?.fullRefreshEvery ?? 10,
      nightlyRefreshAt: file.panel?.nightlyRefreshAt ?? '03:00',
      minIntervalMs: (file.panel?.minIntervalSeconds ?? DEFAULT_MIN_INTERVAL_S) * 1000,
    },
  };
}
