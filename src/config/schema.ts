import { z } from 'zod';
import { isValidTimeZone } from '../domain/time.js';
import { checkHardware, HARDWARE_EXAMPLES, hardwareKeys } from './hardware-config.js';

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

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const TENANT_PATTERN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i;
const GUID = GUID_PATTERN;
const TENANT = TENANT_PATTERN;

/** Loopback hosts may be plain http: that is only ever a simulator on this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

const endpointUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a URL; write an origin such as https://login.microsoftonline.us' });
    return;
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  ctx.addIssue({
    code: 'custom',
    message: url.protocol === 'http:' ? 'must be https (plain http is accepted only for a simulator on 127.0.0.1 or localhost)' : 'must be an https URL',
  });
});

interface CalendarKeys {
  source: 'demo' | 'graph';
  tenant?: string | undefined;
  clientId?: string | undefined;
  auth?: 'app-secret' | 'app-certificate' | 'delegated' | undefined;
  clientSecret?: string | undefined;
  clientSecretFile?: string | undefined;
  certificateFile?: string | undefined;
}

/** The keys a Graph connection cannot do without, each named on its own. */
function graphNeeds(c: CalendarKeys, ctx: z.RefinementCtx): void {
  if (c.source !== 'graph') return;
  const need = (key: keyof CalendarKeys, why: string): void => {
    if (c[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `is needed when "source" is "graph": ${why}` });
  };
  need('tenant', 'the Directory (tenant) ID from Entra ID');
  need('clientId', "the Application (client) ID of Lintel's app registration");
  need('auth', 'how the device signs in: "app-secret", "app-certificate" or "delegated"');
  if (c.auth === 'app-certificate') need('certificateFile', 'the PEM file with the certificate uploaded to the app registration and its private key');
  if (c.auth === 'app-secret' && c.clientSecret !== undefined && c.clientSecretFile !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['clientSecretFile'], message: 'give either "clientSecret" or "clientSecretFile", not both' });
  }
}

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
  calendar: z
    .strictObject({
      source: z.enum(['demo', 'graph']),
      /** Directory (tenant) id or a verified domain, e.g. contoso.onmicrosoft.com. */
      tenant: z.string().regex(TENANT, 'a tenant id (GUID) or a domain such as contoso.onmicrosoft.com').optional(),
      /** Application (client) id of the Entra app registration. */
      clientId: z.string().regex(GUID, 'the Application (client) ID: a GUID from the app registration\'s Overview page').optional(),
      auth: z.enum(['app-secret', 'app-certificate', 'delegated']).optional(),
      /** Inline secret; prefer clientSecretFile or the LINTEL_CLIENT_SECRET environment variable. */
      clientSecret: z.string().min(1).optional(),
      clientSecretFile: z.string().min(1).optional(),
      /** When the client secret expires (shown in Entra ID next to it); the door warns 30 days before. */
      clientSecretExpires: z.iso.date().optional(),
      /** PEM file with the certificate (its private key too, unless privateKeyFile is given). */
      certificateFile: z.string().min(1).optional(),
      privateKeyFile: z.string().min(1).optional(),
      /** Delegated mode: the booking account that should sign in (shown on the sign-in screen). */
      account: z.email().optional(),
      cloud: z.enum(['global', 'usgov', 'usgov-dod', 'china']).optional(),
      /** Overrides of the cloud's endpoints (origins). http is accepted only for loopback hosts (simulators). */
      endpoints: z
        .strictObject({ authority: endpointUrl.optional(), graph: endpointUrl.optional() })
        .optional(),
    })
    .superRefine(graphNeeds)
    .optional(),
  display: z
    .strictObject({
      locale: locale.optional(),
      clock: z.enum(['12h', '24h']).optional(),
      devOverlay: z.boolean().optional(),
      /** What the corridor may read: subject and organizer, only the organizer, or just "Reserved". */
      privacy: z.enum(['subject', 'organizer', 'reserved']).optional(),
    })
    .optional(),
  booking: z
    .strictObject({
      /** Book now at the door; false hides it (check-in, end early and extend stay). */
      enabled: z.boolean().optional(),
      /** No booking is offered unless the room is free at least this long. */
      minFreeMinutes: z.int().min(5).max(240).optional(),
      /** Lengths offered, e.g. [15, 30, 60]; "until the next meeting" is added by itself. */
      durations: z.array(z.int().min(5).max(480)).min(1).max(6).optional(),
      /** Subject of walk-up bookings; defaults to "Walk-up booking" in the display's language. */
      subject: z.string().trim().min(1).max(80).optional(),
      /** Ask for an optional name on the booking sheet (added to the subject). */
      askName: z.boolean().optional(),
      /** While Microsoft 365 cannot be reached: refuse bookings, or queue them as provisional. */
      offlineBooking: z.enum(['refuse', 'provisional']).optional(),
      /** Extensions offered for the door's own bookings, while the room stays free. */
      extendMinutes: z.array(z.int().min(5).max(240)).max(4).optional(),
    })
    .optional(),
  policy: z
    .strictObject({
      soonMinutes: z.int().min(0).max(120).optional(),
      /** Release meetings nobody checked in to. Off unless the facilities team turns it on. */
      release: z
        .strictObject({
          enabled: z.boolean().optional(),
          afterMinutes: z.int().min(5).max(60).optional(),
        })
        .optional(),
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
  /** Pairing by QR code: the LAN setup page, and what a fleet image prefills on it. */
  setup: z
    .strictObject({
      /** Port of the setup page on the LAN (served only while unpaired or re-opened); 0 picks a free one. */
      port: z.int().min(0).max(65535).optional(),
      /** The name the door and the setup page show; default: the hostname. */
      deviceName: z.string().trim().min(1).max(63).optional(),
      tenant: z.string().regex(TENANT, 'a tenant id (GUID) or a domain such as contoso.onmicrosoft.com').optional(),
      clientId: z.string().regex(GUID, 'the Application (client) ID: a GUID from the app registration\'s Overview page').optional(),
      cloud: z.enum(['global', 'usgov', 'usgov-dod', 'china']).optional(),
      endpoints: z.strictObject({ authority: endpointUrl.optional(), graph: endpointUrl.optional() }).optional(),
    })
    .optional(),
  sync: z.strictObject({ intervalSeconds: z.int().min(5).max(3600).optional() }).optional(),
  ...hardwareKeys,
}).superRefine((file, ctx) => {
  checkHardware(file, ctx);
  if (file.calendar?.source === 'graph' && !file.room?.email) {
    ctx.addIssue({ code: 'custom', path: ['room', 'email'], message: "is needed when calendar.source is \"graph\": the room mailbox's primary SMTP address" });
  }
});

export type ConfigFile = z.infer<typeof configSchema>;

/** A good value for every key, shown when the file has a bad one. */
export const CONFIG_EXAMPLES: Record<string, string> = {
  room: '"room": { "name": "Aurora", "timeZone": "Europe/Berlin" }',
  'room.name': '"name": "Aurora"',
  'room.email': '"email": "aurora@contoso.com"',
  'room.timeZone': '"timeZone": "Europe/Berlin"',
  calendar: '"calendar": { "source": "demo" }',
  'calendar.source': '"source": "graph"',
  'calendar.tenant': '"tenant": "8b7e9f1c-2d4a-4c6e-9a1b-3f5d7c9e0a21"',
  'calendar.clientId': '"clientId": "11111111-2222-4333-8444-555555555555"',
  'calendar.auth': '"auth": "app-secret"',
  'calendar.clientSecret': '"clientSecretFile": "/etc/lintel/client-secret" (keeps the secret out of this file)',
  'calendar.clientSecretFile': '"clientSecretFile": "/etc/lintel/client-secret"',
  'calendar.clientSecretExpires': '"clientSecretExpires": "2027-05-31"',
  'calendar.certificateFile': '"certificateFile": "/etc/lintel/lintel-app.pem"',
  'calendar.privateKeyFile': '"privateKeyFile": "/etc/lintel/lintel-app.key"',
  'calendar.account': '"account": "booking@contoso.com"',
  'calendar.cloud': '"cloud": "global"',
  'calendar.endpoints': '"endpoints": { "authority": "https://login.microsoftonline.us", "graph": "https://graph.microsoft.us" }',
  'calendar.endpoints.authority': '"authority": "https://login.microsoftonline.com"',
  'calendar.endpoints.graph': '"graph": "https://graph.microsoft.com"',
  display: '"display": { "locale": "de-DE", "clock": "24h" }',
  'display.locale': '"locale": "de-DE"',
  'display.clock': '"clock": "24h"',
  'display.devOverlay': '"devOverlay": false',
  'display.privacy': '"privacy": "organizer"',
  booking: '"booking": { "durations": [15, 30, 60], "minFreeMinutes": 10 }',
  'booking.enabled': '"enabled": true',
  'booking.minFreeMinutes': '"minFreeMinutes": 10',
  'booking.durations': '"durations": [15, 30, 60]',
  'booking.subject': '"subject": "Walk-up booking"',
  'booking.askName': '"askName": false',
  'booking.offlineBooking': '"offlineBooking": "refuse"',
  'booking.extendMinutes': '"extendMinutes": [15, 30]',
  'policy.release': '"release": { "enabled": true, "afterMinutes": 10 }',
  'policy.release.enabled': '"enabled": true',
  'policy.release.afterMinutes': '"afterMinutes": 10',
  policy: '"policy": { "soonMinutes": 10 }',
  'policy.soonMinutes': '"soonMinutes": 10',
  'policy.checkIn': '"checkIn": { "required": true, "opensMinutesBefore": 5, "closesMinutesAfter": 10 }',
  'policy.checkIn.required': '"required": true',
  'policy.checkIn.opensMinutesBefore': '"opensMinutesBefore": 5',
  'policy.checkIn.closesMinutesAfter': '"closesMinutesAfter": 10',
  server: '"server": { "port": 8420 }',
  setup: '"setup": { "port": 8421, "tenant": "contoso.onmicrosoft.com" }',
  'setup.port': '"port": 8421',
  'setup.deviceName': '"deviceName": "lintel-aurora"',
  'setup.tenant': '"tenant": "8b7e9f1c-2d4a-4c6e-9a1b-3f5d7c9e0a21"',
  'setup.clientId': '"clientId": "11111111-2222-4333-8444-555555555555"',
  'setup.cloud': '"cloud": "global"',
  'setup.endpoints': '"endpoints": { "authority": "https://login.microsoftonline.us", "graph": "https://graph.microsoft.us" }',
  'setup.endpoints.authority': '"authority": "https://login.microsoftonline.com"',
  'setup.endpoints.graph': '"graph": "https://graph.microsoft.com"',
  'server.port': '"port": 8420',
  sync: '"sync": { "intervalSeconds": 15 }',
  'sync.intervalSeconds': '"intervalSeconds": 15',
  ...HARDWARE_EXAMPLES,
};
