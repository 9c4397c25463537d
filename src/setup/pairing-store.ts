import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TOKEN_CACHE_FILE } from '../auth/msal-setup.js';
import { ConfigError, parseConfig, type AuthMode, type Cloud } from '../config/load-config.js';
import type { ConfigFile } from '../config/schema.js';
import { LintelError } from '../util/errors.js';
import { hashPin, pinProblem } from './setup-secrets.js';
import { PAIRING_FILE, type PairingRecord } from './pairing-record.js';

export const SECRETS_DIR = 'secrets';
const SECRET_FILE = 'client-secret';
const CERTIFICATE_FILE = 'app-certificate.pem';

/** Where the app credential comes from; values are written to DIR/secrets (0600), paths are referenced. */
export type CredentialSource =
  | { readonly kind: 'secret-value'; readonly value: string }
  | { readonly kind: 'secret-file'; readonly path: string }
  | { readonly kind: 'certificate-pem'; readonly pem: string }
  | { readonly kind: 'certificate-file'; readonly path: string }
  | { readonly kind: 'none' };

export interface PairingRequest {
  readonly dataDir: string;
  /** The config file `lintel start` reads; the calendar and room are written into it. */
  readonly configPath: string;
  readonly tenant: string;
  readonly clientId: string;
  readonly auth: AuthMode;
  readonly cloud: Cloud | null;
  readonly endpoints: { readonly authority: string | null; readonly graph: string | null } | null;
  readonly credential: CredentialSource;
  readonly clientSecretExpires?: string | null;
  /** A staged MSAL cache (delegated sign-in done on the setup page) to keep. */
  readonly tokenCacheFrom: string | null;
  readonly room: { readonly email: string; readonly name: string | null };
  readonly pin: string;
  readonly by: string;
  readonly now: number;
}

export class PairingError extends LintelError {}

/** Writes through a temp file and a rename: a power cut leaves the old file or the new, never half. */
function writePrivate(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

function readConfigObject(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new PairingError('CONFIG_UNREADABLE', `The config file ${path} is not valid JSON (${(err as Error).message}); fix or remove it, then pair again.`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PairingError('CONFIG_UNREADABLE', `The config file ${path} does not hold a JSON object; fix or remove it, then pair again.`);
  }
  return raw as Record<string, unknown>;
}

function credentialKeys(r: PairingRequest): Record<string, string> {
  const secrets = join(r.dataDir, SECRETS_DIR);
  switch (r.credential.kind) {
    case 'secret-value':
      writePrivate(join(secrets, SECRET_FILE), r.credential.value.trim());
      return { clientSecretFile: join(secrets, SECRET_FILE) };
    case 'secret-file':
      return { clientSecretFile: r.credential.path };
    case 'certificate-pem':
      writePrivate(join(secrets, CERTIFICATE_FILE), r.credential.pem);
      return { certificateFile: join(secrets, CERTIFICATE_FILE) };
    case 'certificate-file':
      return { certificateFile: r.credential.path };
    case 'none':
      return {};
  }
}

/**
 * Pairs the display: checks the whole new config before anything is written, then the secret
 * (0600), the sign-in, the config and last the pairing record, which is what marks it paired.
 */
export function writePairing(r: PairingRequest): PairingRecord {
  const problem = pinProblem(r.pin);
  if (problem) throw new PairingError('PIN_INVALID', problem);
  const config = readConfigObject(r.configPath);
  const room = { ...(typeof config.room === 'object' && config.room !== null ? (config.room as Record<string, unknown>) : {}) };
  room.email = r.room.email;
  if (r.room.name) room.name = r.room.name;
  else delete room.name;
  const endpoints = r.endpoints && (r.endpoints.authority || r.endpoints.graph)
    ? { ...(r.endpoints.authority ? { authority: r.endpoints.authority } : {}), ...(r.endpoints.graph ? { graph: r.endpoints.graph } : {}) }
    : undefined;
  const calendarBase = {
    source: 'graph',
    tenant: r.tenant,
    clientId: r.clientId,
    auth: r.auth,
    ...(r.cloud ? { cloud: r.cloud } : {}),
    ...(endpoints ? { endpoints } : {}),
    ...(r.clientSecretExpires ? { clientSecretExpires: r.clientSecretExpires } : {}),
  };
  // Validated with placeholder paths first: a bad value must not leave a secret behind.
  const placeholder = r.credential.kind.startsWith('secret') ? { clientSecretFile: 'pending' } : r.credential.kind === 'none' ? {} : { certificateFile: 'pending' };
  try {
    parseConfig({ ...config, room, calendar: { ...calendarBase, ...placeholder } }, r.configPath);
  } catch (err) {
    if (err instanceof ConfigError) throw new PairingError('PAIRING_INVALID', err.message);
    throw err;
  }
  const next: ConfigFile = { ...(config as ConfigFile), room: room as ConfigFile['room'], calendar: { ...calendarBase, ...credentialKeys(r) } as ConfigFile['calendar'] };
  if (r.tokenCacheFrom && existsSync(r.tokenCacheFrom)) writePrivate(join(r.dataDir, TOKEN_CACHE_FILE), readFileSync(r.tokenCacheFrom, 'utf8'));
  writePrivate(r.configPath, `${JSON.stringify(next, null, 2)}\n`);
  const record: PairingRecord = { pairedAt: r.now, by: r.by, room: { email: r.room.email, name: r.room.name }, auth: r.auth, pinHash: hashPin(r.pin) };
  writePrivate(join(r.dataDir, PAIRING_FILE), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}

/**
 * Back to the unpaired state: the calendar and room leave the config (display, hardware and
 * setup keys stay: they describe the device, not the room), and secrets, sign-in and the
 * pairing record are deleted. The calendar cache is wiped by the store.
 */
export function forgetPairing(dataDir: string, configPath: string): void {
  const config = readConfigObject(configPath);
  if (existsSync(configPath)) {
    delete config.calendar;
    if (typeof config.room === 'object' && config.room !== null) {
      const room = { ...(config.room as Record<string, unknown>) };
      delete room.email;
      delete room.name;
      if (Object.keys(room).length === 0) delete config.room;
      else config.room = room;
    }
    writePrivate(configPath, `${JSON.stringify(config, null, 2)}\n`);
  }
  rmSync(join(dataDir, SECRETS_DIR), { recursive: true, force: true });
  rmSync(join(dataDir, TOKEN_CACHE_FILE), { force: true });
  rmSync(join(dataDir, PAIRING_FILE), { force: true });
}
