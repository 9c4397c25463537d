import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { DEFAULT_POLICY, type RoomPolicy } from '../domain/policy.js';
import { DEFAULT_EXTEND_MINUTES } from '../domain/door-actions.js';
import { DEFAULT_RELEASE, DEFAULT_WALK_UP, type ReleasePolicy, type WalkUpPolicy } from '../domain/walk-up.js';
import { LintelError } from '../util/errors.js';
import { resolveHardware, type HardwareConfig } from './hardware-config.js';
import { CONFIG_EXAMPLES, configSchema, type ConfigFile } from './schema.js';

export type Cloud = 'global' | 'usgov' | 'usgov-dod' | 'china';
export type AuthMode = 'app-secret' | 'app-certificate' | 'delegated';

/** Sign-in and Graph origins of each national cloud, and the resource its tokens are for. */
export const CLOUDS: Record<Cloud, { readonly authority: string; readonly graph: string }> = {
  global: { authority: 'https://login.microsoftonline.com', graph: 'https://graph.microsoft.com' },
  usgov: { authority: 'https://login.microsoftonline.us', graph: 'https://graph.microsoft.us' },
  'usgov-dod': { authority: 'https://login.microsoftonline.us', graph: 'https://dod-graph.microsoft.us' },
  china: { authority: 'https://login.chinacloudapi.cn', graph: 'https://microsoftgraph.chinacloudapi.cn' },
};

export interface GraphConnection {
  readonly source: 'graph';
  readonly tenant: string;
  readonly clientId: string;
  readonly auth: AuthMode;
  readonly roomEmail: string;
  readonly cloud: Cloud;
  /** Origin of the sign-in service (no tenant, no trailing slash). */
  readonly authorityOrigin: string;
  /** Origin of Graph (no version, no trailing slash). */
  readonly graphOrigin: string;
  /** The resource tokens are asked for: always the cloud's Graph, even when graphOrigin is a simulator. */
  readonly graphResource: string;
  readonly clientSecret: string | null;
  readonly clientSecretFile: string | null;
  /** Epoch ms at the end of the day the secret expires, or null when unknown. */
  readonly clientSecretExpiresAt: number | null;
  readonly certificateFile: string | null;
  readonly privateKeyFile: string | null;
  readonly account: string | null;
}

export type CalendarConfig = { readonly source: 'demo' } | GraphConnection;

export interface LintelConfig {
  readonly room: {
    readonly name: string | null;
    readonly email: string | null;
    readonly timeZone: string;
    /** False when the zone is this machine's guess: the mailbox's own zone then wins. */
    readonly timeZoneFromConfig: boolean;
  };
  readonly calendar: CalendarConfig;
  readonly display: { readonly locale: string; readonly hourCycle: 'h12' | 'h23'; readonly devOverlay: boolean };
  readonly policy: RoomPolicy;
  readonly booking: BookingConfig;
  readonly release: ReleasePolicy;
  readonly server: { readonly port: number };
  /** False until the config names a calendar: the display then shows its setup QR code instead of a room. */
  readonly paired: boolean;
  readonly setup: SetupConfig;
  readonly sync: { readonly intervalMs: number };
  /** GPIO, status LEDs, buttons, the motion sensor and the panel. */
  readonly hardware: HardwareConfig;
  /** The file this came from, or null for built-in defaults. */
  readonly file: string | null;
}

export interface SetupConfig {
  readonly port: number;
  readonly deviceName: string | null;
  readonly tenant: string | null;
  readonly clientId: string | null;
  readonly cloud: Cloud;
  readonly authorityOrigin: string;
  readonly graphOrigin: string;
}

export const DEFAULT_SETUP_PORT = 8421;

export interface BookingConfig {
  readonly enabled: boolean;
  readonly walkUp: WalkUpPolicy;
  readonly subject: string;
  readonly askName: boolean;
  readonly offlineBooking: 'refuse' | 'provisional';
  readonly extendMinutes: readonly number[];
}

/** The default subject of a walk-up booking, in the display's language (Outlook shows it to everyone). */
const WALK_UP_SUBJECTS: Record<string, string> = { en: 'Walk-up booking', de: 'Spontanbuchung' };

function walkUpSubjectFor(locale: string): string {
  return WALK_UP_SUBJECTS[locale.split('-')[0]?.toLowerCase() ?? 'en'] ?? 'Walk-up booking';
}

export const DEFAULT_PORT = 8420;

/** Exit code for a config the admin must fix (bad flags or file). */
export const CONFIG_EXIT_CODE = 2;

export class ConfigError extends LintelError {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
  }
}

function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function localeHourCycle(locale: string): 'h12' | 'h23' {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h11' || cycle === 'h12' ? 'h12' : 'h23';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

// Calendar keys whose values are safe to echo; anything else under "calendar" (a misspelt
// "clientSecret", the whole section) may hold a secret and must not reach a terminal or a log.
const SHOWABLE_CALENDAR_KEYS = new Set(['source', 'tenant', 'clientId', 'auth', 'clientSecretFile', 'clientSecretExpires', 'certificateFile', 'privateKeyFile', 'account', 'cloud', 'endpoints', 'authority', 'graph']);

function mayHoldSecret(path: readonly PropertyKey[]): boolean {
  if (path[0] !== 'calendar') return false;
  const rest = path.slice(1).map(String);
  return rest.length === 0 || !rest.every((k) => SHOWABLE_CALENDAR_KEYS.has(k));
}

function describeValue(value: unknown, path: readonly PropertyKey[]): string {
  if (value === undefined) return 'missing';
  if (mayHoldSecret(path)) return `(hidden: it may be a secret) (${typeof value})`;
  const json = JSON.stringify(value);
  const shown = json.length > 60 ? `${json.slice(0, 57)}...` : json;
  const type = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
  return `${shown} (${type})`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

function knownKeysUnder(prefix: string): string[] {
  const depth = prefix === '' ? 0 : prefix.split('.').length;
  return Object.keys(CONFIG_EXAMPLES)
    .filter((k) => (prefix === '' ? true : k.startsWith(`${prefix}.`)) && k.split('.').length === depth + 1)
    .map((k) => k.split('.').pop() ?? k);
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, file: string): string[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const full = path ? `${path}.${key}` : key;
      const known = knownKeysUnder(path);
      const close = known.filter((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
      const suggestion = close[0];
      const example = suggestion ? CONFIG_EXAMPLES[path ? `${path}.${suggestion}` : suggestion] : undefined;
      return (
        `${file}: unknown key "${full}" (value ${describeValue(valueAt(raw, [...issue.path, key]), [...issue.path, key])}). ` +
        (suggestion ? `Did you mean "${suggestion}"? ` : '') +
        `Known keys${path ? ` in "${path}"` : ''}: ${known.join(', ')}.` +
        (example ? ` Example: ${example}` : '')
      );
    });
  }
  // An item of a list ("booking.durations.1") is shown with the list's example.
  const example = CONFIG_EXAMPLES[path] ?? CONFIG_EXAMPLES[issue.path.filter((p) => typeof p !== 'number').map(String).join('.')];
  return [
    `${file}: key "${path}" has value ${describeValue(valueAt(raw, issue.path), issue.path)}: ${issue.message}.` +
      (example ? ` Example of a good value: ${example}` : ''),
  ];
}

/** Validates parsed JSON; every problem is named with its key, its value and a good example. */
export function parseConfig(raw: unknown, file: string): ConfigFile {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.flatMap((issue) => describeIssue(issue, raw, file));
  throw new ConfigError(lines.join('\n'));
}

export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${String(err)})`;
    throw new ConfigError(`Config file ${file} ${reason}. Check the --config path, or start without it to run the demo room.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Config file ${file} is not valid JSON: ${(err as Error).message}. Fix the syntax (a JSON linter shows the spot).`);
  }
  return parseConfig(raw, file);
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

function resolveCalendar(file: ConfigFile): CalendarConfig {
  const c = file.calendar;
  // The schema's refinements guarantee these keys for a graph source; the checks narrow the types.
  if (c?.source !== 'graph' || !c.tenant || !c.clientId || !c.auth || !file.room?.email) return { source: 'demo' };
  const cloud = c.cloud ?? 'global';
  return {
    source: 'graph',
    tenant: c.tenant,
    clientId: c.clientId,
    auth: c.auth,
    roomEmail: file.room.email,
    cloud,
    authorityOrigin: trimSlash(c.endpoints?.authority ?? CLOUDS[cloud].authority),
    graphOrigin: trimSlash(c.endpoints?.graph ?? CLOUDS[cloud].graph),
    graphResource: CLOUDS[cloud].graph,
    clientSecret: c.clientSecret ?? null,
    clientSecretFile: c.clientSecretFile ?? null,
    // A secret listed as expiring on a date stops working at some time that day; warn by its start.
    clientSecretExpiresAt: c.clientSecretExpires ? Date.parse(`${c.clientSecretExpires}T00:00:00Z`) : null,
    certificateFile: c.certificateFile ?? null,
    privateKeyFile: c.privateKeyFile ?? null,
    account: c.account ?? null,
  };
}

function resolveSetup(file: ConfigFile): SetupConfig {
  const s = file.setup;
  const cloud = s?.cloud ?? 'global';
  return {
    port: s?.port ?? DEFAULT_SETUP_PORT,
    deviceName: s?.deviceName ?? null,
    tenant: s?.tenant ?? null,
    clientId: s?.clientId ?? null,
    cloud,
    authorityOrigin: trimSlash(s?.endpoints?.authority ?? CLOUDS[cloud].authority),
    graphOrigin: trimSlash(s?.endpoints?.graph ?? CLOUDS[cloud].graph),
  };
}

/** Typed defaults filled in under the file's values. */
export function resolveConfig(file: ConfigFile, source: string | null): LintelConfig {
  const locale = file.display?.locale ?? 'en-GB';
  const clock = file.display?.clock;
  const release: ReleasePolicy = {
    enabled: file.policy?.release?.enabled ?? DEFAULT_RELEASE.enabled,
    afterMinutes: file.policy?.release?.afterMinutes ?? DEFAULT_RELEASE.afterMinutes,
  };
  return {
    room: {
      name: file.room?.name ?? null,
      email: file.room?.email ?? null,
      timeZone: file.room?.timeZone ?? systemTimeZone(),
      timeZoneFromConfig: file.room?.timeZone !== undefined,
    },
    calendar: resolveCalendar(file),
    display: {
      locale,
      hourCycle: clock === '12h' ? 'h12' : clock === '24h' ? 'h23' : localeHourCycle(locale),
      devOverlay: file.display?.devOverlay ?? false,
    },
    policy: {
      timeZone: file.room?.timeZone ?? systemTimeZone(),
      soonMinutes: file.policy?.soonMinutes ?? DEFAULT_POLICY.soonMinutes,
      // Releasing no-shows needs someone to check in: turning release on asks for check-ins too.
      checkIn: { ...DEFAULT_POLICY.checkIn, required: release.enabled, ...file.policy?.checkIn },
      privacy: file.display?.privacy ?? DEFAULT_POLICY.privacy,
    },
    booking: {
      enabled: file.booking?.enabled ?? true,
      walkUp: {
        ...DEFAULT_WALK_UP,
        minFreeMinutes: file.booking?.minFreeMinutes ?? DEFAULT_WALK_UP.minFreeMinutes,
        durationsMinutes: file.booking?.durations ?? DEFAULT_WALK_UP.durationsMinutes,
      },
      subject: file.booking?.subject ?? walkUpSubjectFor(locale),
      askName: file.booking?.askName ?? false,
      offlineBooking: file.booking?.offlineBooking ?? 'refuse',
      extendMinutes: file.booking?.extendMinutes ?? DEFAULT_EXTEND_MINUTES,
    },
    release,
    server: { port: file.server?.port ?? DEFAULT_PORT },
    paired: file.calendar !== undefined,
    setup: resolveSetup(file),
    sync: { intervalMs: (file.sync?.intervalSeconds ?? 15) * 1000 },
    hardware: resolveHardware(file),
    file: source,
  };
}

export function loadConfig(file: string | null): LintelConfig {
  return resolveConfig(file === null ? {} : readConfigFile(file), file);
}
