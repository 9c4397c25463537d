import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKEN_CACHE_FILE } from '../auth/msal-setup.js';
import { LintelError } from '../util/errors.js';

export interface ScratchTokenCache {
  /** A private folder to give MSAL as its data dir. */
  readonly dir: string;
  /** Whether the device's cache was copied (a delegated sign-in lives there; app tokens are cheap to get anew). */
  readonly copied: boolean;
  dispose(): void;
}

/**
 * MSAL writes its cache after every token, and the delegated provider drops the account when a
 * refresh fails. Doctor works on a private copy so that it never changes the device's sign-in, and a
 * run as root cannot leave a root-owned cache behind that the service then cannot read.
 */
export function scratchTokenCache(dataDir: string, options: { copy: boolean }): ScratchTokenCache {
  const dir = mkdtempSync(join(tmpdir(), 'lintel-doctor-'));
  const dispose = (): void => rmSync(dir, { recursive: true, force: true });
  const real = join(dataDir, TOKEN_CACHE_FILE);
  if (!options.copy || !existsSync(real)) return { dir, copied: false, dispose };
  try {
    copyFileSync(real, join(dir, TOKEN_CACHE_FILE));
  } catch (err) {
    dispose();
    throw new LintelError(
      'TOKEN_CACHE_UNREADABLE',
      `${real} is not readable by this user (${(err as NodeJS.ErrnoException).code ?? 'error'}). Run doctor as the user that runs Lintel (e.g. sudo -u lintel lintel doctor).`,
      { cause: err },
    );
  }
  return { dir, copied: true, dispose };
}
