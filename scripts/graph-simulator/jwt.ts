// JWTs as Entra issues and accepts them: RS256 tokens signed by a key published at jwks_uri, and client
// assertions (private_key_jwt) sent by confidential clients.
import { createHash, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, constants, type KeyObject } from 'node:crypto';

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A well-formed three-part JWT with JSON header and payload, or undefined. Does not check the signature. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  const header = decodePart(h);
  const payload = decodePart(p);
  if (!header || !payload) return undefined;
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

// One key per process: generating RSA keys costs ~100 ms and tests start many simulators.
let signingKey: SigningKey | undefined;

function getSigningKey(): SigningKey {
  if (!signingKey) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
    const kid = createHash('sha256').update(String(jwk.n)).digest('base64url').slice(0, 27);
    signingKey = { kid, privateKey, jwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e, issuer: 'lintel-graph-simulator' } };
  }
  return signingKey;
}

export function signJwt(payload: Record<string, unknown>): string {
  const key = getSigningKey();
  const signingInput = `${encodePart({ typ: 'JWT', alg: 'RS256', x5t: key.kid, kid: key.kid })}.${encodePart(payload)}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), key.privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

export function jwks(): { keys: Record<string, unknown>[] } {
  return { keys: [getSigningKey().jwk] };
}

export function newTokenId(): string {
  return Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url');
}

/**
 * Verifies a client assertion's signature against a PEM certificate or public key. RS256 and PS256 are
 * what MSAL sends (PS256 with x5t#S256 since msal-node 3).
 */
export function verifyAssertionSignature(jwt: DecodedJwt, pem: string): boolean {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    return false;
  }
  const data = Buffer.from(jwt.signingInput);
  switch (jwt.header.alg) {
    case 'RS256':
      return verify('RSA-SHA256', data, key, jwt.signature);
    case 'PS256':
      return verify('RSA-SHA256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, jwt.signature);
    default:
      return false;
  }
}

/** Hex thumbprint of an x5t / x5t#S256 header value (base64url of the raw digest). */
export function thumbprintHex(headerValue: unknown): string | undefined {
  if (typeof headerValue !== 'string' || headerValue === '') return undefined;
  return Buffer.from(headerValue, 'base64url').toString('hex');
}
