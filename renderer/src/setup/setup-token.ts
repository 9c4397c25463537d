import { SETUP_TOKEN_FRAGMENT } from '../../../src/api/contract.js';

/**
 * The setup token from a URL fragment such as "#t=abc". Null when there is none: the page then
 * asks for the short code instead. The fragment is parsed like a query string so other keys
 * (or a browser's own additions) do not spoil it.
 */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get(SETUP_TOKEN_FRAGMENT)?.trim();
  return token ? token : null;
}

/** Letters and digits of a short code; the display shows them in two groups of four. */
const CODE_LENGTH = 8;

export type CodeCheck = { ok: true; code: string } | { ok: false; message: string };

/**
 * The short code as the display shows it (K7QM-2XHD), from whatever was typed: any case, with or
 * without the dash, with stray spaces. Says what is wrong rather than sending a code that cannot
 * be right, because every wrong code counts towards the lock-out.
 */
export function normalizeSetupCode(typed: string): CodeCheck {
  const chars = typed.toUpperCase().replace(/[\s\-–—_.]/g, '');
  if (chars === '') return { ok: false, message: 'Type the code shown on the display, for example K7QM-2XHD.' };
  if (/[^A-Z0-9]/.test(chars)) return { ok: false, message: 'The code has only letters and digits, for example K7QM-2XHD.' };
  if (chars.length !== CODE_LENGTH) {
    return {
      ok: false,
      message: `The code has ${CODE_LENGTH} letters and digits (you typed ${chars.length}), for example K7QM-2XHD.`,
    };
  }
  return { ok: true, code: `${chars.slice(0, 4)}-${chars.slice(4)}` };
}

/** The part of storage the token needs; sessionStorage in the page, a Map in tests. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const TOKEN_KEY = 'lintel.setup.token';
const ROOM_KEY = 'lintel.setup.room';

/**
 * Storage that never throws: private browsing modes and some in-app QR scanners refuse
 * sessionStorage, and the page must still work (only a reload then needs the code again).
 */
export function safeStorage(get: () => TokenStorage | undefined): TokenStorage {
  const attempt = <T>(f: (s: TokenStorage) => T, fallback: T): T => {
    try {
      const s = get();
      return s ? f(s) : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    getItem: (key) => attempt((s) => s.getItem(key), null),
    setItem: (key, value) => attempt((s) => s.setItem(key, value), undefined),
    removeItem: (key) => attempt((s) => s.removeItem(key), undefined),
  };
}

/**
 * The token for this tab: a fresh one from the fragment wins over a remembered one (a new scan
 * means a new setup), and is remembered so a reload keeps working after the fragment is gone.
 */
export function takeToken(hash: string, storage: TokenStorage): { token: string | null; fromFragment: boolean } {
  const fresh = tokenFromHash(hash);
  if (fresh) {
    storage.setItem(TOKEN_KEY, fresh);
    // A new token is a new setup: a room chosen under an old one does not carry over.
    storage.removeItem(ROOM_KEY);
    return { token: fresh, fromFragment: true };
  }
  return { token: storage.getItem(TOKEN_KEY), fromFragment: false };
}

export function rememberToken(storage: TokenStorage, token: string): void {
  storage.setItem(TOKEN_KEY, token);
  storage.removeItem(ROOM_KEY);
}

export function forgetToken(storage: TokenStorage): void {
  storage.removeItem(TOKEN_KEY);
  storage.removeItem(ROOM_KEY);
}

/** The room picked in step 2, kept so a reload during the checks does not lose its Places name. */
export interface ChosenRoom {
  email: string;
  /** From Places; null when the address was typed (the mailbox's own name is used). */
  name: string | null;
}

export function rememberRoom(storage: TokenStorage, room: ChosenRoom | null): void {
  if (room) storage.setItem(ROOM_KEY, JSON.stringify(room));
  else storage.removeItem(ROOM_KEY);
}

export function recallRoom(storage: TokenStorage): ChosenRoom | null {
  const text = storage.getItem(ROOM_KEY);
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || !('email' in v) || typeof v.email !== 'string') return null;
    const name = 'name' in v && typeof v.name === 'string' ? v.name : null;
    return { email: v.email, name };
  } catch {
    return null;
  }
}
