import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { credentialExpiry, CredentialError, loadAppCredential, type AppCredential } from '../auth/credentials.js';
import { ConfigError, loadConfig, type GraphConnection, type LintelConfig } from '../config/load-config.js';
import { errorMessage } from '../util/errors.js';
import { fail, pass, warn, type DoctorLine } from './report.js';

const DAY = (at: number): string => new Date(at).toISOString().slice(0, 10);

export interface ConfigOutcome {
  readonly line: DoctorLine;
  readonly config: LintelConfig | null;
}

/** Loads the config exactly as `lintel start` does; a bad file becomes a FAIL line with the same text. */
export function checkConfig(file: string | null): ConfigOutcome {
  try {
    const config = loadConfig(file);
    return { config, line: pass('config', file === null ? 'no config file: built-in defaults (the demo room)' : `${file} is valid`) };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { config: null, line: fail('config', `${file ?? 'the config'} is not valid`, err.message) };
  }
}

function nearestExisting(path: string): { path: string; stats: Stats } | null {
  for (let p = path; ; p = dirname(p)) {
    try {
      return { path: p, stats: statSync(p) };
    } catch {
      if (dirname(p) === p) return null;
    }
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The data folder holds the cache and the sign-in. Checked without writing to it: doctor may run as
 * another user (root), and a file it left there could lock the service out.
 */
export function checkDataDir(dir: string, uid: number | null): DoctorLine {
  const elsewhere = 'choose another with --data-dir (or LINTEL_DATA_DIR)';
  const found = nearestExisting(dir);
  if (found === null || found.path !== dir) {
    if (found !== null && found.stats.isDirectory() && writable(found.path)) return pass('data-dir', `${dir} does not exist yet; lintel start creates it`);
    return fail('data-dir', `${dir} cannot be created`, `Create it for the user running Lintel (mkdir -m 700 ${dir}; chown lintel: ${dir}), or ${elsewhere}.`);
  }
  if (!found.stats.isDirectory()) return fail('data-dir', `${dir} is not a folder`, `Remove it, or ${elsewhere}.`);
  const runAsOwner = 'Run doctor as the user that runs Lintel (e.g. sudo -u lintel lintel doctor) so it sees what the service sees';
  const foreign = uid !== null && found.stats.uid !== uid ? `${dir} belongs to uid ${found.stats.uid}, doctor runs as uid ${uid}` : null;
  if (!writable(dir)) {
    return foreign
      ? fail('data-dir', `${foreign} and cannot write it`, `${runAsOwner}; if Lintel does run as this user, give it the folder (chown).`)
      : fail('data-dir', `${dir} is not writable by this user`, `Give the user running Lintel write access (chown lintel: ${dir}), or ${elsewhere}.`);
  }
  if (foreign) return warn('data-dir', foreign, `${runAsOwner}.`);
  if ((found.stats.mode & 0o077) !== 0) {
    return warn('data-dir', `${dir} is readable by other users, and it holds the sign-in`, `Run chmod 700 ${dir}.`);
  }
  return pass('data-dir', `${dir} is writable`);
}

export function checkCalendarSource(config: LintelConfig): DoctorLine {
  const c = config.calendar;
  if (c.source === 'demo') return pass('calendar', 'demo room, no Microsoft 365 connection');
  return pass('calendar', `Microsoft 365 room ${c.roomEmail}, ${c.auth} sign-in to tenant ${c.tenant}`);
}

function secretOrigin(c: GraphConnection): string {
  if (c.clientSecret) return 'calendar.clientSecret';
  if (c.clientSecretFile) return c.clientSecretFile;
  return 'LINTEL_CLIENT_SECRET';
}

export interface CredentialOutcome {
  readonly line: DoctorLine;
  readonly credential: AppCredential | null;
}

/** The app registration's secret or certificate, read as the service would (never printed). */
export function checkCredential(c: GraphConnection, env: NodeJS.ProcessEnv): CredentialOutcome {
  try {
    const credential = loadAppCredential(c, env);
    const title = credential.kind === 'secret' ? `client secret read from ${secretOrigin(c)}` : `certificate and its private key read from ${c.privateKeyFile ?? c.certificateFile ?? ''}`;
    return { credential, line: pass('credential', title) };
  } catch (err) {
    if (!(err instanceof CredentialError)) throw err;
    return { credential: null, line: fail('credential', 'the app credential cannot be used', errorMessage(err)) };
  }
}

export function checkExpiry(credential: AppCredential, now: number): DoctorLine {
  if (credential.kind === 'secret' && credential.expiresAt === null) {
    return warn(
      'expiry',
      'client secret expiry unknown',
      'Set calendar.clientSecretExpires to the date Entra ID shows next to the secret (App registrations > Certificates & secrets), so the door warns 30 days before it stops working.',
    );
  }
  const what = credential.kind === 'secret' ? 'client secret' : 'certificate';
  const notice = credentialExpiry(credential.kind, credential.expiresAt, now);
  if (notice === null) return pass('expiry', `${what} valid until ${credential.expiresAt === null ? '?' : DAY(credential.expiresAt)}`);
  // The notice is one sentence, "The <what> expires ...: <what to do>.", split into the two columns.
  const [found = notice.message, fix = notice.message] = notice.message.split(/: (.*)/s);
  const title = found.replace(/^The /, '');
  const fixSentence = fix.charAt(0).toUpperCase() + fix.slice(1);
  return notice.severity === 'error' ? fail('expiry', title, fixSentence) : warn('expiry', title, fixSentence);
}
