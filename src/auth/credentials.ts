import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { GraphConnection } from '../config/load-config.js';
import { LintelError } from '../util/errors.js';

export type AppCredential =
  | { readonly kind: 'secret'; readonly secret: string; readonly expiresAt: number | null }
  | {
      readonly kind: 'certificate';
      /** Hex SHA-256 of the DER certificate: what Entra ID shows and MSAL sends as x5t#S256. */
      readonly thumbprintSha256: string;
      /** PKCS#8 PEM, as MSAL wants it. */
      readonly privateKey: string;
      readonly certificatePem: string;
      readonly expiresAt: number;
    };

export class CredentialError extends LintelError {}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readSecretFile(path: string, key: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable by the lintel user' : `cannot be read (${code ?? 'error'})`;
    throw new CredentialError('CREDENTIAL_FILE', `${key} ${path} ${why}. Put the file there (mode 600, owned by the lintel user) or fix the path in the config.`);
  }
}

function clientSecret(c: GraphConnection, env: NodeJS.ProcessEnv): string {
  const raw = c.clientSecret ?? (c.clientSecretFile ? readSecretFile(c.clientSecretFile, 'calendar.clientSecretFile') : env.LINTEL_CLIENT_SECRET);
  const secret = raw?.trim() ?? '';
  if (!secret) {
    throw new CredentialError(
      'CREDENTIAL_MISSING',
      'auth is "app-secret" but no client secret was given: set calendar.clientSecretFile to a file holding the secret\'s Value, or the LINTEL_CLIENT_SECRET environment variable.',
    );
  }
  if (GUID.test(secret)) {
    throw new CredentialError(
      'CREDENTIAL_IS_SECRET_ID',
      'The client secret looks like a GUID: that is the secret\'s "Secret ID". Copy its "Value" instead (shown only once, right after you create the secret in Entra ID > Certificates & secrets).',
    );
  }
  return secret;
}

function certificate(c: GraphConnection): AppCredential {
  const certFile = c.certificateFile;
  if (!certFile) throw new CredentialError('CREDENTIAL_MISSING', 'auth is "app-certificate" but calendar.certificateFile is not set.');
  const certText = readSecretFile(certFile, 'calendar.certificateFile');
  const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(certText)?.[0];
  if (!block) {
    throw new CredentialError('CREDENTIAL_BAD_CERT', `${certFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----). Export the certificate you uploaded to the app registration as PEM.`);
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(block);
  } catch {
    throw new CredentialError('CREDENTIAL_BAD_CERT', `${certFile}: the certificate cannot be parsed. Export it again as PEM.`);
  }
  const keyText = c.privateKeyFile ? readSecretFile(c.privateKeyFile, 'calendar.privateKeyFile') : certText;
  let privateKey: string;
  try {
    const key = createPrivateKey(keyText);
    if (!cert.checkPrivateKey(key)) {
      throw new CredentialError('CREDENTIAL_KEY_MISMATCH', `The private key in ${c.privateKeyFile ?? certFile} does not belong to the certificate in ${certFile}.`);
    }
    privateKey = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch (err) {
    if (err instanceof CredentialError) throw err;
    throw new CredentialError(
      'CREDENTIAL_BAD_KEY',
      `No usable unencrypted private key in ${c.privateKeyFile ?? certFile}. Add the PEM private key (-----BEGIN PRIVATE KEY-----) to the file or set calendar.privateKeyFile.`,
    );
  }
  return {
    kind: 'certificate',
    thumbprintSha256: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
    privateKey,
    certificatePem: block,
    expiresAt: Date.parse(cert.validTo),
  };
}

/** The app registration's credential, read and checked; every problem names the key to fix. */
export function loadAppCredential(c: GraphConnection, env: NodeJS.ProcessEnv = process.env): AppCredential {
  if (c.auth === 'app-certificate') return certificate(c);
  return { kind: 'secret', secret: clientSecret(c, env), expiresAt: c.clientSecretExpiresAt };
}

export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface ExpiryNotice {
  readonly severity: 'warning' | 'error';
  readonly message: string;
}

/** From 30 days before, the admin hears that the secret or certificate is about to stop working. */
export function credentialExpiry(kind: 'secret' | 'certificate', expiresAt: number | null, now: number): ExpiryNotice | null {
  if (expiresAt === null) return null;
  const what = kind === 'secret' ? 'client secret' : 'certificate';
  const fix =
    kind === 'secret'
      ? 'create a new secret in Entra ID > App registrations > Certificates & secrets, put its Value in the secret file and update calendar.clientSecretExpires'
      : 'upload a new certificate to the app registration and point calendar.certificateFile at it';
  if (expiresAt <= now) return { severity: 'error', message: `The ${what} expired on ${new Date(expiresAt).toISOString().slice(0, 10)}: ${fix}.` };
  const days = Math.ceil((expiresAt - now) / DAY_MS);
  if (days > EXPIRY_WARNING_DAYS) return null;
  return { severity: 'warning', message: `The ${what} expires in ${days} day${days === 1 ? '' : 's'} (${new Date(expiresAt).toISOString().slice(0, 10)}): ${fix}.` };
}
