import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { LintelError } from '../util/errors.js';

export function defaultDataDir(): string {
  return process.env.LINTEL_DATA_DIR ?? join(process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'lintel');
}

/** The data dir holds credentials later: created private (0700); an existing one is left as the admin made it. */
export function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new LintelError(
      'DATA_DIR_UNUSABLE',
      `Cannot create the data folder ${dir} (${(err as NodeJS.ErrnoException).code ?? String(err)}). ` +
        'Choose another with --data-dir, or give the user running Lintel write access to it.',
      { cause: err },
    );
  }
  if (!statSync(dir).isDirectory()) {
    throw new LintelError('DATA_DIR_UNUSABLE', `${dir} exists but is not a folder. Remove it or choose another with --data-dir.`);
  }
}
