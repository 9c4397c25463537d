import { readFileSync } from 'node:fs';
import { hostname as osHostname, networkInterfaces as osNetworkInterfaces } from 'node:os';
import { z } from 'zod';
import { ConfigError, type AuthMode, type Cloud } from '../config/load-config.js';
import { GUID_PATTERN, isLoopbackHost, TENANT_PATTERN } from '../config/schema.js';

/**
 * The fleet provisioning file of `lintel pair`: one JSON file with "defaults" shared by every
 * device and one entry per device (by hostname or MAC) naming its room. Pure apart from
 * readProvisioningFile (reads the file) and thisDevice (asks the OS who we are).
 */

/** Everything `lintel pair` needs to set up one door display. */
export interface PairingPlan {
  readonly tenant: string;
  readonly clientId: string;
  readonly auth: AuthMode;
  readonly clientSecret: string | null;
  readonly clientSecretFile: string | null;
  readonly certificateFile: string | null;
  readonly roomEmail: string;
  readonly roomName: string | null;
  readonly adminPin: string;
  readonly cloud: Cloud | null;
  readonly endpoints: { readonly authority: string | null; readonly graph: string | null } | null;
}

export interface DeviceIdentity {
  readonly hostname: string;
  readonly macs: readonly string[];
}

/** The keys "defaults" may set; a device entry may override each of them. */
export interface ProvisioningSettings {
  readonly tenant?: string | undefined;
  readonly clientId?: string | undefined;
  readonly auth?: AuthMode | undefined;
  readonly clientSecret?: string | undefined;
  readonly clientSecretFile?: string | undefined;
  readonly certificateFile?: string | undefined;
  readonly adminPin?: string | undefined;
  readonly cloud?: Cloud | undefined;
  readonly endpoints?: { readonly authority?: string | undefined; readonly graph?: string | undefined } | undefined;
}

/** How an entry recognises its device; both values normalised for comparison. */
export type DeviceMatch = { readonly by: 'hostname'; readonly hostname: string } | { readonly by: 'mac'; readonly mac: string };

export interface ProvisionedDevice extends ProvisioningSettings {
  /** Position in "devices", for messages ("devices[3]"). */
  readonly index: number;
  readonly match: DeviceMatch;
  readonly room: string;
  readonly name: string | null;
}

export interface Provisioning {
  readonly defaults: ProvisioningSettings;
  readonly devices: readonly ProvisionedDevice[];
}

/** The `lintel pair` flags for a single device, as given on the command line. */
export interface PairFlags {
  readonly tenant?: string | undefined;
  readonly clientId?: string | undefined;
  readonly auth?: string | undefined;
  readonly secretFile?: string | undefined;
  readonly certificateFile?: string | undefined;
  readonly room?: string | undefined;
  readonly roomName?: string | undefined;
  readonly pin?: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Values

// The config's own patterns: the config `lintel pair` writes is read back through that schema.
const GUID = GUID_PATTERN;
const TENANT = TENANT_PATTERN;
const HOSTNAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
const MAC = /^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/i;
const ZERO_MAC = '00:00:00:00:00:00';
const email = z.email();

const AUTH_MODES: readonly AuthMode[] = ['app-secret', 'app-certificate', 'delegated'];
const CLOUD_NAMES: readonly Cloud[] = ['global', 'usgov', 'usgov-dod', 'china'];

/** What is wrong with a value: `says` follows the value ("is not a GUID"), `hint` says what to do. */
interface Problem {
  readonly says: string;
  readonly hint: string;
}

type Check = (value: string) => Problem | null;

const SECRET_ID_HINT =
  'that is the secret\'s "Secret ID". Copy its "Value" instead (shown only once, right after you create the secret in Entra ID > Certificates & secrets)';

const checks = {
  tenant: (v) =>
    TENANT.test(v) ? null : { says: 'is not a tenant', hint: 'give the Directory (tenant) ID (a GUID from Entra ID > Overview) or a verified domain such as contoso.onmicrosoft.com' },
  clientId: (v) => (GUID.test(v) ? null : { says: 'is not a GUID', hint: "it is the Application (client) ID from the app registration's Overview page" }),
  auth: (v) => (AUTH_MODES.some((m) => m === v) ? null : { says: 'is not a sign-in mode', hint: 'use "app-secret", "app-certificate" or "delegated"' }),
  clientSecret: (v) => {
    if (v.trim() === '') return { says: 'is empty', hint: "give the client secret's Value, or better a clientSecretFile holding it" };
    if (GUID.test(v.trim())) return { says: 'looks like a GUID', hint: SECRET_ID_HINT };
    return null;
  },
  clientSecretFile: (v) => (v.trim() === '' ? { says: 'is empty', hint: "give the path of a file holding the client secret's Value" } : null),
  certificateFile: (v) =>
    v.trim() === '' ? { says: 'is empty', hint: 'give the path of the PEM file with the certificate uploaded to the app registration and its private key' } : null,
  adminPin: (v) => {
    if (!/^[0-9]{4,8}$/.test(v)) return { says: 'is not 4 to 8 digits', hint: 'the admin PIN is typed on the door\'s keypad: digits only, 4 to 8 of them' };
    if (/^(.)\1*$/.test(v)) return { says: 'is too easy to guess', hint: 'all its digits are the same; choose a PIN anyone at the door would not try first' };
    return null;
  },
  cloud: (v) => (CLOUD_NAMES.some((c) => c === v) ? null : { says: 'is not a Microsoft cloud', hint: 'use "global", "usgov", "usgov-dod" or "china"' }),
  endpoint: (v) => {
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      return { says: 'is not a URL', hint: 'write an origin such as https://login.microsoftonline.us' };
    }
    if (url.protocol === 'https:') return null;
    if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
    return url.protocol === 'http:'
      ? { says: 'is plain http', hint: 'use https (plain http is accepted only for a simulator on 127.0.0.1 or localhost)' }
      : { says: 'is not an https URL', hint: 'write an origin such as https://login.microsoftonline.us' };
  },
  hostname: (v) => {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) return { says: 'is an IP address', hint: 'give the device\'s hostname (as `hostname` prints it), or its "mac" instead' };
    return HOSTNAME.test(v) ? null : { says: 'is not a hostname', hint: 'letters, digits and hyphens, as `hostname` prints it on the device' };
  },
  mac: (v) => {
    if (!MAC.test(v)) return { says: 'is not a MAC address', hint: 'six pairs of hex digits separated by ":" or "-", as `ip link` prints it' };
    if (macKey(v) === ZERO_MAC) return { says: 'is all zeros', hint: 'no real network interface has that address; use the one `ip link` prints for eth0 or wlan0' };
    return null;
  },
  room: (v) => (email.safeParse(v).success ? null : { says: 'is not an email address', hint: "give the room mailbox's primary SMTP address" }),
  name: (v) => (v.trim().length >= 1 && v.length <= 80 ? null : { says: 'is not 1 to 80 characters', hint: 'the room name the door shows' }),
} satisfies Record<string, Check>;

type Field = keyof typeof checks;

/** Values shown in messages as "(hidden)": they may be (or be close to) a secret. */
const SECRET_FIELDS: ReadonlySet<Field> = new Set<Field>(['clientSecret', 'adminPin']);

/** A good value for every key, shown when a file has a bad one. */
const EXAMPLES: Record<string, string> = {
  defaults: '"defaults": { "tenant": "contoso.onmicrosoft.com", "clientId": "11111111-2222-4333-8444-555555555555", "auth": "app-secret", "clientSecretFile": "/etc/lintel/client-secret", "adminPin": "482913" }',
  devices: '"devices": [{ "hostname": "lintel-aurora", "room": "aurora@contoso.com", "name": "Aurora" }]',
  tenant: '"tenant": "8b7e9f1c-2d4a-4c6e-9a1b-3f5d7c9e0a21"',
  clientId: '"clientId": "11111111-2222-4333-8444-555555555555"',
  auth: '"auth": "app-secret"',
  clientSecret: '"clientSecretFile": "/etc/lintel/client-secret" (keeps the secret out of this file)',
  clientSecretFile: '"clientSecretFile": "/etc/lintel/client-secret"',
  certificateFile: '"certificateFile": "/etc/lintel/lintel-app.pem"',
  adminPin: '"adminPin": "482913"',
  cloud: '"cloud": "global"',
  endpoints: '"endpoints": { "authority": "https://login.microsoftonline.us", "graph": "https://graph.microsoft.us" }',
  authority: '"authority": "https://login.microsoftonline.com"',
  graph: '"graph": "https://graph.microsoft.com"',
  hostname: '"hostname": "lintel-aurora"',
  mac: '"mac": "dc:a6:32:01:02:03"',
  room: '"room": "aurora@contoso.com"',
  name: '"name": "Aurora"',
};

const SETTING_KEYS = ['tenant', 'clientId', 'auth', 'clientSecret', 'clientSecretFile', 'certificateFile', 'adminPin', 'cloud', 'endpoints'] as const;
const DEVICE_ONLY_KEYS = ['hostname', 'mac', 'room', 'name'] as const;
const DEVICE_KEYS: readonly string[] = [...DEVICE_ONLY_KEYS, ...SETTING_KEYS];
const TOP_KEYS: readonly string[] = ['defaults', 'devices'];
const ENDPOINT_KEYS: readonly string[] = ['authority', 'graph'];

/** Names people reach for (often the `lintel pair` flags) that are not the file's keys. */
const ALIASES: Record<string, string> = {
  pin: 'adminPin',
  secret: 'clientSecret',
  secretfile: 'clientSecretFile',
  certificate: 'certificateFile',
  cert: 'certificateFile',
  certfile: 'certificateFile',
  tenantid: 'tenant',
  appid: 'clientId',
  applicationid: 'clientId',
  email: 'room',
  roomemail: 'room',
  mailbox: 'room',
  roomname: 'name',
  displayname: 'name',
  host: 'hostname',
  macaddress: 'mac',
  device: 'devices',
};

// ---------------------------------------------------------------------------------------------
// Helpers

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function shown(value: unknown, secret: boolean): string {
  if (secret) return '(hidden)';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** Edits (insert, delete, change, swap two neighbours) from a to b: "nmae" is 1 from "name". */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i];
    if (row === undefined) continue;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

const squash = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '');

/** The known key a misspelt one most likely meant, if any is close. */
function suggestKey(key: string, known: readonly string[]): string | undefined {
  const alias = ALIASES[squash(key)];
  if (alias !== undefined && known.includes(alias)) return alias;
  let best: { key: string; distance: number } | undefined;
  for (const k of known) {
    const distance = editDistance(squash(k), squash(key));
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { key: k, distance };
  }
  return best?.key;
}

/** Compared part of a hostname: lower case, without a trailing ".local" or any domain. */
function hostKey(hostname: string): string {
  return (hostname.trim().toLowerCase().split('.')[0] ?? '').trim();
}

/** Compared form of a MAC: lower case, ":" between the pairs. */
function macKey(mac: string): string {
  return mac.trim().toLowerCase().replace(/-/g, ':');
}

// ---------------------------------------------------------------------------------------------
// Parsing the file

/** Collects every problem of one file, each a line naming its key. */
class Problems {
  readonly lines: string[] = [];
  constructor(readonly file: string) {}

  add(line: string): void {
    this.lines.push(`${this.file}: ${line}`);
  }

  badValue(path: string, key: string, value: unknown, secret: boolean, problem: Problem): void {
    const example = EXAMPLES[key];
    this.add(`${path} ${shown(value, secret)} ${problem.says}: ${problem.hint}.${example ? ` Example: ${example}` : ''}`);
  }

  unknownKeys(obj: Record<string, unknown>, path: string, known: readonly string[], elsewhere?: (key: string) => string | undefined): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key)) continue;
      const where = path === '' ? 'the file' : path;
      const other = elsewhere?.(key);
      if (other !== undefined) {
        this.add(`${path}.${key} does not belong in ${where}: ${other}.`);
        continue;
      }
      const suggestion = suggestKey(key, known);
      const example = suggestion === undefined ? undefined : EXAMPLES[suggestion];
      // The value is never shown: a misspelt "clientSecret" holds a secret.
      this.add(
        `unknown key "${key}" in ${where}.` +
          (suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`) +
          ` Known keys${path === '' ? '' : ` in ${path}`}: ${known.join(', ')}.` +
          (example === undefined ? '' : ` Example: ${example}`),
      );
    }
  }

  throwIfAny(): void {
    if (this.lines.length > 0) throw new ConfigError(this.lines.join('\n'));
  }
}

/** A string value checked by its field's rule, or undefined (absent, or a problem was recorded). */
function readString(obj: Record<string, unknown>, key: string, field: Field, path: string, problems: Problems): string | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  const at = `${path}.${key}`;
  const secret = SECRET_FIELDS.has(field);
  if (typeof value !== 'string') {
    const hint =
      field === 'adminPin' && typeof value === 'number'
        ? 'write the PIN in double quotes, so leading zeros survive'
        : value === null
          ? 'give a value in double quotes, or leave the key out'
          : 'write it in double quotes';
    problems.badValue(at, key, value, secret, { says: `is ${typeName(value)}, not text`, hint });
    return undefined;
  }
  const problem = checks[field](value);
  if (problem) {
    problems.badValue(at, key, value, secret, problem);
    return undefined;
  }
  return value;
}

function readSettings(obj: Record<string, unknown>, path: string, problems: Problems): ProvisioningSettings {
  const read = (key: Exclude<Field, 'endpoint' | 'hostname' | 'mac' | 'room' | 'name'>): string | undefined => readString(obj, key, key, path, problems);
  // Read in the documented order, so the problems come in that order too.
  const tenant = read('tenant');
  const clientId = read('clientId');
  const auth = read('auth');
  const clientSecret = read('clientSecret');
  const clientSecretFile = read('clientSecretFile');
  const certificateFile = read('certificateFile');
  const adminPin = read('adminPin');
  const cloud = read('cloud');
  const settings: ProvisioningSettings = {
    tenant,
    clientId,
    auth: AUTH_MODES.find((m) => m === auth),
    clientSecret,
    clientSecretFile,
    certificateFile,
    adminPin,
    cloud: CLOUD_NAMES.find((c) => c === cloud),
    endpoints: readEndpoints(obj.endpoints, `${path}.endpoints`, problems),
  };
  if (obj.clientSecret !== undefined && obj.clientSecretFile !== undefined) {
    problems.add(`${path} has both "clientSecret" and "clientSecretFile": give one of them. Example: ${EXAMPLES.clientSecretFile}`);
  }
  return settings;
}

function readEndpoints(value: unknown, path: string, problems: Problems): ProvisioningSettings['endpoints'] {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.badValue(path, 'endpoints', value, false, { says: `is ${typeName(value)}`, hint: 'give an object with "authority" and/or "graph"' });
    return undefined;
  }
  problems.unknownKeys(value, path, ENDPOINT_KEYS);
  return { authority: readString(value, 'authority', 'endpoint', path, problems), graph: readString(value, 'graph', 'endpoint', path, problems) };
}

function readDevice(raw: unknown, index: number, problems: Problems): ProvisionedDevice | null {
  const path = `devices[${index}]`;
  if (!isRecord(raw)) {
    problems.add(`${path} is ${typeName(raw)}: each entry is an object such as { "hostname": "lintel-aurora", "room": "aurora@contoso.com" }.`);
    return null;
  }
  problems.unknownKeys(raw, path, DEVICE_KEYS);
  const hostname = readString(raw, 'hostname', 'hostname', path, problems);
  const mac = readString(raw, 'mac', 'mac', path, problems);
  const room = readString(raw, 'room', 'room', path, problems);
  const name = readString(raw, 'name', 'name', path, problems);
  const settings = readSettings(raw, path, problems);

  let ok = true;
  if (raw.hostname !== undefined && raw.mac !== undefined) {
    problems.add(`${path} has both "hostname" and "mac": give exactly one, the one that identifies this device.`);
    ok = false;
  } else if (raw.hostname === undefined && raw.mac === undefined) {
    problems.add(`${path} has neither "hostname" nor "mac": give one so a device can find its entry. Example: ${EXAMPLES.hostname} or ${EXAMPLES.mac}`);
    ok = false;
  }
  if (raw.room === undefined) {
    problems.add(`${path} has no "room": give the room mailbox's primary SMTP address. Example: ${EXAMPLES.room}`);
  }
  if (!ok || room === undefined) return null;
  let match: DeviceMatch;
  if (hostname !== undefined) match = { by: 'hostname', hostname: hostKey(hostname) };
  else if (mac !== undefined) match = { by: 'mac', mac: macKey(mac) };
  else return null; // the value was bad; already recorded
  return { ...settings, index, match, room, name: name ?? null };
}

function describeMatch(m: DeviceMatch): string {
  return m.by === 'hostname' ? `hostname "${m.hostname}"` : `mac "${m.mac}"`;
}

function findDuplicates(devices: readonly ProvisionedDevice[], problems: Problems): void {
  const seen = new Map<string, ProvisionedDevice>();
  const rooms = new Map<string, ProvisionedDevice>();
  for (const d of devices) {
    const key = d.match.by === 'hostname' ? `h:${d.match.hostname}` : `m:${d.match.mac}`;
    const first = seen.get(key);
    if (first) {
      const how = d.match.by === 'hostname' ? 'ignoring case and any domain such as .local' : 'ignoring case and ":" or "-"';
      problems.add(`devices[${first.index}] and devices[${d.index}] both have ${describeMatch(d.match)} (${how}): a device may have only one entry.`);
    } else {
      seen.set(key, d);
    }
    const roomKey = d.room.toLowerCase();
    const firstRoom = rooms.get(roomKey);
    if (firstRoom) {
      problems.add(`devices[${firstRoom.index}] and devices[${d.index}] both have room "${d.room}": each room belongs to one entry; fix the other entry's room.`);
    } else {
      rooms.set(roomKey, d);
    }
  }
}

/** Validates a parsed provisioning file; throws a ConfigError listing every problem, each by its key. */
export function parseProvisioning(raw: unknown, file: string): Provisioning {
  const problems = new Problems(file);
  if (!isRecord(raw)) {
    throw new ConfigError(`${file}: the file holds ${typeName(raw)}; it must be an object with "defaults" and "devices", such as { ${EXAMPLES.defaults}, ${EXAMPLES.devices} }`);
  }
  problems.unknownKeys(raw, '', TOP_KEYS);

  let defaults: ProvisioningSettings = {};
  if (isRecord(raw.defaults)) {
    problems.unknownKeys(raw.defaults, 'defaults', SETTING_KEYS, (key) =>
      (DEVICE_ONLY_KEYS as readonly string[]).includes(key) ? `"${key}" is different for every device, so it goes in each entry of "devices"` : undefined,
    );
    defaults = readSettings(raw.defaults, 'defaults', problems);
  } else if (raw.defaults !== undefined) {
    problems.add(`defaults is ${typeName(raw.defaults)}; it must be an object. Example: ${EXAMPLES.defaults}`);
  }

  const devices: ProvisionedDevice[] = [];
  if (raw.devices === undefined) {
    problems.add(`there is no "devices" list: give one entry per door display. Example: ${EXAMPLES.devices}`);
  } else if (!Array.isArray(raw.devices)) {
    problems.add(`devices is ${typeName(raw.devices)}; it must be a list with one entry per door display. Example: ${EXAMPLES.devices}`);
  } else if (raw.devices.length === 0) {
    problems.add(`the "devices" list is empty: give one entry per door display. Example: ${EXAMPLES.devices}`);
  } else {
    raw.devices.forEach((entry: unknown, index) => {
      const device = readDevice(entry, index, problems);
      if (device) devices.push(device);
    });
    findDuplicates(devices, problems);
  }
  problems.throwIfAny();
  return { defaults, devices };
}

// ---------------------------------------------------------------------------------------------
// Picking this device's entry

function entryLabel(d: ProvisionedDevice): string {
  return `devices[${d.index}] (${describeMatch(d.match)}, room "${d.room}")`;
}

function lookedFor(device: DeviceIdentity): string {
  const key = hostKey(device.hostname);
  const host = key === device.hostname ? `hostname "${device.hostname}"` : `hostname "${device.hostname}" (compared as "${key}")`;
  const macs = device.macs.length === 0 ? 'no MAC address (no network interface has one)' : `MAC ${device.macs.map(macKey).join(', ')}`;
  return `${host} and ${macs}`;
}

/** The entry of `p` for this device, merged over the defaults; throws a ConfigError naming what is missing. */
export function planForDevice(p: Provisioning, device: DeviceIdentity, file: string): PairingPlan {
  const host = hostKey(device.hostname);
  const macs = new Set(device.macs.map(macKey));
  const matches = p.devices.filter((d) => (d.match.by === 'hostname' ? d.match.hostname === host : macs.has(d.match.mac)));

  if (matches.length > 1) {
    throw new ConfigError(
      `${file}: this device (${lookedFor(device)}) matches more than one entry: ${matches.map(entryLabel).join(' and ')}. ` +
        'Keep one entry per device (by hostname or by MAC, not both).',
    );
  }
  const entry = matches[0];
  if (entry === undefined) {
    const byHost = p.devices.filter((d) => d.match.by === 'hostname');
    const close = byHost.find((d) => d.match.by === 'hostname' && host !== '' && editDistance(d.match.hostname, host) <= 2);
    throw new ConfigError(
      `${file}: no entry is for this device. Looked for ${lookedFor(device)} among the file's ${p.devices.length} ` +
        `entr${p.devices.length === 1 ? 'y' : 'ies'} (${byHost.length} by hostname, ${p.devices.length - byHost.length} by MAC).` +
        (close ? ` The closest is ${entryLabel(close)}: a typo?` : '') +
        ` Add an entry such as { "hostname": "${host || 'lintel-aurora'}", "room": "aurora@contoso.com" }, or pair this device with flags instead.`,
    );
  }
  return mergeEntry(p.defaults, entry, file);
}

function mergeEntry(defaults: ProvisioningSettings, entry: ProvisionedDevice, file: string): PairingPlan {
  const label = entryLabel(entry);
  const missing: string[] = [];
  const need = <T>(value: T | undefined, key: string, what: string): T | undefined => {
    if (value === undefined) {
      missing.push(`${file}: ${label} has no "${key}" and "defaults" has none either: ${what}. Add ${EXAMPLES[key] ?? `"${key}"`} to "defaults" (for every device) or to this entry.`);
    }
    return value;
  };

  const tenant = need(entry.tenant ?? defaults.tenant, 'tenant', 'the Directory (tenant) ID from Entra ID');
  const clientId = need(entry.clientId ?? defaults.clientId, 'clientId', "the Application (client) ID of Lintel's app registration");
  const auth = need(entry.auth ?? defaults.auth, 'auth', 'how the device signs in: "app-secret", "app-certificate" or "delegated"');
  const adminPin = need(entry.adminPin ?? defaults.adminPin, 'adminPin', "the PIN that opens the door's admin screen");

  // A secret given in the entry replaces the defaults' secret, whichever of the two keys each uses.
  const secretFromEntry = entry.clientSecret !== undefined || entry.clientSecretFile !== undefined;
  const clientSecret = (secretFromEntry ? entry.clientSecret : defaults.clientSecret) ?? null;
  const clientSecretFile = (secretFromEntry ? entry.clientSecretFile : defaults.clientSecretFile) ?? null;
  const certificateFile = entry.certificateFile ?? defaults.certificateFile ?? null;
  const authFrom = entry.auth !== undefined ? 'this entry' : '"defaults"';
  if (auth === 'app-secret' && clientSecret === null && clientSecretFile === null) {
    missing.push(
      `${file}: ${label} signs in with auth "app-secret" (from ${authFrom}) but neither it nor "defaults" has "clientSecretFile" or "clientSecret". ` +
        `Add ${EXAMPLES.clientSecretFile} to "defaults" or to this entry.`,
    );
  }
  if (auth === 'app-certificate' && certificateFile === null) {
    missing.push(
      `${file}: ${label} signs in with auth "app-certificate" (from ${authFrom}) but neither it nor "defaults" has "certificateFile". ` +
        `Add ${EXAMPLES.certificateFile} to "defaults" or to this entry.`,
    );
  }
  if (missing.length > 0 || tenant === undefined || clientId === undefined || auth === undefined || adminPin === undefined) {
    throw new ConfigError(missing.join('\n'));
  }

  const authority = entry.endpoints?.authority ?? defaults.endpoints?.authority ?? null;
  const graph = entry.endpoints?.graph ?? defaults.endpoints?.graph ?? null;
  return {
    tenant,
    clientId,
    auth,
    // Only the credential the sign-in mode uses: a shared default for another mode is left behind.
    clientSecret: auth === 'app-secret' ? clientSecret : null,
    clientSecretFile: auth === 'app-secret' ? clientSecretFile : null,
    certificateFile: auth === 'app-certificate' ? certificateFile : null,
    roomEmail: entry.room,
    roomName: entry.name,
    adminPin,
    cloud: entry.cloud ?? defaults.cloud ?? null,
    endpoints: authority === null && graph === null ? null : { authority, graph },
  };
}

// ---------------------------------------------------------------------------------------------
// Single-device flags

const FLAGS = {
  tenant: { flag: '--tenant', field: 'tenant', example: '--tenant contoso.onmicrosoft.com' },
  clientId: { flag: '--client-id', field: 'clientId', example: '--client-id 11111111-2222-4333-8444-555555555555' },
  auth: { flag: '--auth', field: 'auth', example: '--auth app-secret' },
  secretFile: { flag: '--secret-file', field: 'clientSecretFile', example: '--secret-file /etc/lintel/client-secret' },
  certificateFile: { flag: '--certificate-file', field: 'certificateFile', example: '--certificate-file /etc/lintel/lintel-app.pem' },
  room: { flag: '--room', field: 'room', example: '--room aurora@contoso.com' },
  roomName: { flag: '--room-name', field: 'name', example: '--room-name Aurora' },
  pin: { flag: '--pin', field: 'adminPin', example: '--pin 482913' },
} as const satisfies Record<keyof PairFlags, { flag: string; field: Field; example: string }>;

/** The plan for one device from `lintel pair` flags, by the file's rules; every problem names its flag. */
export function planFromFlags(flags: PairFlags): PairingPlan {
  const lines: string[] = [];
  const read = (name: keyof PairFlags): string | undefined => {
    const value = flags[name];
    if (value === undefined) return undefined;
    const spec = FLAGS[name];
    const problem = checks[spec.field](value);
    if (problem === null) return value;
    lines.push(`${spec.flag} ${shown(value, SECRET_FIELDS.has(spec.field))} ${problem.says}: ${problem.hint}, e.g. ${spec.example}`);
    return undefined;
  };
  const needed = (name: keyof PairFlags, what: string): void => {
    if (flags[name] === undefined) lines.push(`${FLAGS[name].flag} is needed: ${what}, e.g. ${FLAGS[name].example}`);
  };

  const tenant = read('tenant');
  const clientId = read('clientId');
  const authText = read('auth');
  const secretFile = read('secretFile');
  const certificateFile = read('certificateFile');
  const room = read('room');
  const roomName = read('roomName');
  const pin = read('pin');
  needed('tenant', 'the Directory (tenant) ID from Entra ID');
  needed('clientId', "the Application (client) ID of Lintel's app registration");
  needed('room', "the room mailbox's primary SMTP address");
  needed('pin', "the PIN that opens the door's admin screen (4 to 8 digits)");

  // Without --auth, the one credential flag given says which sign-in is meant.
  let auth = AUTH_MODES.find((m) => m === authText);
  if (flags.auth === undefined) {
    if (flags.secretFile !== undefined && flags.certificateFile === undefined) auth = 'app-secret';
    else if (flags.certificateFile !== undefined && flags.secretFile === undefined) auth = 'app-certificate';
    else lines.push('--auth is needed: "app-secret" (with --secret-file), "app-certificate" (with --certificate-file) or "delegated", e.g. --auth app-secret --secret-file /etc/lintel/client-secret');
  }
  if (auth === 'app-secret' && flags.secretFile === undefined) {
    lines.push(
      '--auth app-secret needs --secret-file: a file holding the client secret\'s Value (the secret itself is not taken as a flag, where ps and shell history would show it), e.g. --secret-file /etc/lintel/client-secret',
    );
  }
  if (auth === 'app-certificate' && flags.certificateFile === undefined) {
    lines.push('--auth app-certificate needs --certificate-file: the PEM file with the certificate and its private key, e.g. --certificate-file /etc/lintel/lintel-app.pem');
  }
  if (auth !== undefined && auth !== 'app-secret' && flags.secretFile !== undefined) lines.push(`--secret-file is only for --auth app-secret, not ${auth}: leave it out`);
  if (auth !== undefined && auth !== 'app-certificate' && flags.certificateFile !== undefined) {
    lines.push(`--certificate-file is only for --auth app-certificate, not ${auth}: leave it out`);
  }

  if (lines.length > 0 || tenant === undefined || clientId === undefined || auth === undefined || room === undefined || pin === undefined) {
    throw new ConfigError(lines.join('\n'));
  }
  return {
    tenant,
    clientId,
    auth,
    clientSecret: null,
    clientSecretFile: auth === 'app-secret' ? (secretFile ?? null) : null,
    certificateFile: auth === 'app-certificate' ? (certificateFile ?? null) : null,
    roomEmail: room,
    roomName: roomName ?? null,
    adminPin: pin,
    cloud: null,
    endpoints: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the file, and who this device is

class JsonSpot extends Error {
  constructor(
    readonly at: number,
    readonly what: string,
  ) {
    super(what);
  }
}

/**
 * Where JSON.parse failed and why, found by a small scanner of our own: V8's messages quote the
 * text around the error (which may be a secret) and often give no position at all.
 */
function locateJsonError(text: string): JsonSpot | null {
  let i = 0;
  const fail = (what: string, at = i): never => {
    throw new JsonSpot(at, what);
  };
  const ws = (): void => {
    while (/[ \t\n\r]/.test(text.charAt(i))) i++;
  };
  const unexpected = (expected: string, hint?: string): never => {
    const ch = text.charAt(i);
    const should = `where ${expected} should be${hint === undefined ? '' : ` (${hint})`}`;
    if (ch === '') return fail(`the file ends ${should}; a } or ] may be missing`);
    if (ch === '/') return fail('a comment, but JSON allows none; remove it');
    if (ch === "'") return fail('a single quote, but JSON strings need double quotes "..."');
    if (ch === '"') return fail(`another string ${should}`);
    if (/[A-Za-z_]/.test(ch)) return fail(`a word without double quotes ${should}`);
    return fail(`${JSON.stringify(ch)} ${should}`);
  };
  const string = (): void => {
    const start = i;
    i++;
    for (;;) {
      const ch = text.charAt(i);
      if (ch === '') fail('a string is never closed (a missing ")', start);
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = text.charAt(i + 1);
        if (next !== '' && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail('a backslash starts no valid escape (write \\\\ for a backslash, e.g. in a Windows path)');
        continue;
      }
      if (ch.charCodeAt(0) < 0x20) fail('a line break or control character inside a string (a missing " at the end of the line?)');
      i++;
    }
  };
  const value = (): void => {
    ws();
    const ch = text.charAt(i);
    if (ch === '{') {
      i++;
      ws();
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text.charAt(i) !== '"') unexpected('a key in double quotes');
        string();
        ws();
        if (text.charAt(i) !== ':') unexpected('":" after the key');
        i++;
        value();
        ws();
        const after = text.charAt(i);
        if (after === '}') {
          i++;
          return;
        }
        if (after !== ',') unexpected('"," or "}"', 'a missing comma?');
        const comma = i;
        i++;
        ws();
        if (text.charAt(i) === '}') fail('a comma before "}": JSON allows no trailing comma', comma);
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        const after = text.charAt(i);
        if (after === ']') {
          i++;
          return;
        }
        if (after !== ',') unexpected('"," or "]"', 'a missing comma?');
        const comma = i;
        i++;
        ws();
        if (text.charAt(i) === ']') fail('a comma before "]": JSON allows no trailing comma', comma);
      }
    }
    if (ch === '"') return string();
    if (ch === '-' || /[0-9]/.test(ch)) {
      const number = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
      number.lastIndex = i;
      if (!number.test(text)) fail('a malformed number');
      i = number.lastIndex;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    unexpected('a value');
  };
  try {
    value();
    ws();
    if (i < text.length) fail('more text follows the end of the JSON (a stray "}" or a second object?)');
    return null;
  } catch (err) {
    if (err instanceof JsonSpot) return err;
    throw err;
  }
}

function lineAndColumn(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: at - lineStart + 1 };
}

/** Reads and validates a provisioning file; every failure is a ConfigError that says what to fix. */
export function readProvisioningFile(path: string): Provisioning {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable by this user' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? String(err)})`;
    throw new ConfigError(`Provisioning file ${path} ${why}. Check the path given to lintel pair.`);
  }
  // Editors on Windows may start the file with a byte-order mark, which JSON.parse refuses.
  const json = text.replace(/^\uFEFF/, '');
  if (json.trim() === '') throw new ConfigError(`Provisioning file ${path} is empty. It needs { "defaults": { ... }, "devices": [ ... ] }.`);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    const spot = locateJsonError(json);
    if (spot === null) throw new ConfigError(`Provisioning file ${path} is not valid JSON. Fix the syntax (a JSON linter shows the spot).`);
    const { line, column } = lineAndColumn(json, spot.at);
    throw new ConfigError(`Provisioning file ${path} is not valid JSON: at line ${line}, column ${column}: ${spot.what}.`);
  }
  return parseProvisioning(raw, path);
}

/** What the OS says this device is: its hostname and the MACs of its real network interfaces. */
export function thisDevice(
  host: {
    hostname(): string;
    networkInterfaces(): Record<string, readonly { readonly mac: string; readonly internal: boolean }[] | undefined>;
  } = { hostname: osHostname, networkInterfaces: osNetworkInterfaces },
): DeviceIdentity {
  const macs = new Set<string>();
  for (const addresses of Object.values(host.networkInterfaces())) {
    for (const a of addresses ?? []) {
      const mac = macKey(a.mac);
      if (!a.internal && mac !== ZERO_MAC && MAC.test(mac)) macs.add(mac);
    }
  }
  return { hostname: host.hostname(), macs: [...macs] };
}
