import { existsSync, renameSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { errorCode, errorMessage, LintelError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

/** SQLite's answers for a file that is not a usable database (garbage, truncated, a folder, unreadable). */
const UNUSABLE_FILE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN', 'SQLITE_IOERR_SHORT_READ', 'STORE_CORRUPT']);

function openAndCheck(file: string): Database {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 2000');
    const check = String(db.pragma('quick_check', { simple: true }));
    if (check !== 'ok') throw new LintelError('STORE_CORRUPT', `integrity check failed: ${check}`);
    migrate(db, MIGRATIONS);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The cache file and the journal files SQLite keeps beside it: they only make sense together. */
function moveAside(file: string, stamp: string): string {
  const aside = `${file}.unusable-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

/**
 * Opens the SQLite cache, migrated to this build's schema. The cache can always be rebuilt
 * from Microsoft 365, so a file SQLite cannot use is moved aside (never deleted) and a fresh
 * one is made. A file from a newer Lintel is refused instead: it is not broken.
 */
export function openDatabase(file: string, logger: Logger, now: () => number = Date.now): Database {
  try {
    return openAndCheck(file);
  } catch (err) {
    const code = errorCode(err);
    if (file === ':memory:' || code === undefined || !UNUSABLE_FILE_CODES.has(code)) throw err;
    const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
    const aside = moveAside(file, stamp);
    logger.warn(
      { event: 'store.rebuilt', file, movedTo: aside, reason: code, detail: errorMessage(err) },
      `Cache ${file} could not be used (${code}); moved it to ${aside} and started a fresh cache. ` +
        'The calendar is fetched again; nothing else in the data folder was touched.',
    );
    return openAndCheck(file);
  }
}
