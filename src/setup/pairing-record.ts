import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthMode } from '../config/load-config.js';

// Kept apart from the pairing writer: the running door reads the record (admin PIN) without
// loading MSAL, which the writer needs for the token cache's file name.

/** Who paired the display, when, to which room, and the admin PIN's hash: never the PIN itself. */
export interface PairingRecord {
  readonly pairedAt: number;
  /** The signed-in account, "app credentials", or "lintel pair (app credentials)". */
  readonly by: string;
  readonly room: { readonly email: string; readonly name: string | null };
  readonly auth: AuthMode;
  readonly pinHash: string;
}

export const PAIRING_FILE = 'pairing.json';

export function readPairing(dataDir: string): PairingRecord | null {
  const path = join(dataDir, PAIRING_FILE);
  if (!existsSync(path)) return null;
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as PairingRecord;
    return typeof raw.pinHash === 'string' && typeof raw.room?.email === 'string' ? raw : null;
  } catch {
    return null;
  }
}
