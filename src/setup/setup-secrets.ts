import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: the QR code's one-time setup token. */
export function newSetupToken(): string {
  return randomBytes(32).toString('base64url');
}

// Crockford's base32 without I, L, O, U: nothing a person reading a panel can mistake for another letter.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 40 random bits as XXXX-XXXX: typed on a phone when the QR code cannot be scanned. */
export function newShortCode(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let code = '';
  for (let i = 0; i < 8; i++) {
    code = (CODE_ALPHABET[Number(bits & 31n)] ?? '0') + code;
    bits >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed, made comparable: case, dashes, spaces, and the letters people confuse with digits. */
export function normaliseShortCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

/** Compares secrets without leaking, through timing, how much of a guess was right. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const PIN_PATTERN = /^\d{4,8}$/;

/** Why a PIN cannot be used, or null. */
export function pinProblem(pin: string): string | null {
  if (!PIN_PATTERN.test(pin)) return 'The admin PIN must be 4 to 8 digits.';
  if (/^(\d)\1+$/.test(pin) || '0123456789'.includes(pin) || '9876543210'.includes(pin)) {
    return 'That PIN is too easy to guess (all one digit, or a run like 1234). Choose another.';
  }
  return null;
}

/** scrypt with a random salt: the PIN file is useless to someone who copies it off the SD card. */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function pinMatches(pin: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(actual, expected);
}
