import { z } from 'zod';
import { isValidTimeZone } from '../domain/time.js';

const timeZone = z.string().refine(isValidTimeZone, { message: 'not an IANA time zone this system knows' });
const locale = z.string().refine(
  (tag) => {
    try {
      return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
    } catch {
      return false;
    }
  },
  { message: 'not a BCP 47 language tag this system supports' },
);

/**
 * The config file. Every key is optional; defaults make the built-in demo room.
 * `strictObject` everywhere: a misspelt key is an error, not silently ignored.
 */
export const configSchema = z.strictObject({
  room: z
    .strictObject({
      name: z.string().min(1).max(80).optional(),
      email: z.email().optional(),
      timeZone: timeZone.optional(),
    })
    .optional(),
  calendar: z.strictObject({ source: z.enum(['demo']) }).optional(),
  display: z
    .strictObject({
      locale: locale.optional(),
      clock: z.enum(['12h', '24h']).optional(),
      devOverlay: z.boolean().optional(),
    })
    .optional(),
  policy: z
    .strictObject({
      soonMinutes: z.int().min(0).max(120).optional(),
      checkIn: z
        .strictObject({
          required: z.boolean().optional(),
          opensMinutesBefore: z.int().min(0).max(60).optional(),
          closesMinutesAfter: z.int().min(1).max(60).optional(),
        })
        .optional(),
    })
    .optional(),
  server: z.strictObject({ port: z.int().min(1).max(65535).optional() }).optional(),
  sync: z.strictObject({ intervalSeconds: z.int().min(5).max(3600).optional() }).optional(),
  leds: z.strictObject({ driver: z.enum(['simulated', 'none']).optional() }).optional(),
});

export type ConfigFile = z.infer<typeof configSchema>;

/** A good value for every key, shown when the file has a bad one. */
export const CONFIG_EXAMPLES: Record<string, string> = {
  room: '"room": { "name": "Aurora", "timeZone": "Europe/Berlin" }',
  'room.name': '"name": "Aurora"',
  'room.email': '"email": "aurora@contoso.com"',
  'room.timeZone': '"timeZone": "Europe/Berlin"',
  calendar: '"calendar": { "source": "demo" }',
  'calendar.source': '"source": "demo"',
  display: '"display": { "locale": "de-DE", "clock": "24h" }',
  'display.locale': '"locale": "de-DE"',
  'display.clock': '"clock": "24h"',
  'display.devOverlay': '"devOverlay": false',
  policy: '"policy": { "soonMinutes": 10 }',
  'policy.soonMinutes': '"soonMinutes": 10',
  'policy.checkIn': '"checkIn": { "required": true, "opensMinutesBefore": 5, "closesMinutesAfter": 10 }',
  'policy.checkIn.required': '"required": true',
  'policy.checkIn.opensMinutesBefore': '"opensMinutesBefore": 5',
  'policy.checkIn.closesMinutesAfter': '"closesMinutesAfter": 10',
  server: '"server": { "port": 8420 }',
  'server.port': '"port": 8420',
  sync: '"sync": { "intervalSeconds": 15 }',
  'sync.intervalSeconds': '"intervalSeconds": 15',
  leds: '"leds": { "driver": "simulated" }',
  'leds.driver': '"driver": "simulated"',
};
