import type { Database } from 'better-sqlite3';
import { LintelError } from '../util/errors.js';
import type { Migration } from './migrations/migration.js';

export function schemaVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Brings the schema up to date in one transaction: either every pending migration
 * applies and user_version moves, or nothing changes.
 */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new LintelError(
      'STORE_FROM_FUTURE',
      `The cache ${db.name} has schema version ${from}, but this Lintel knows only up to ${latest}: ` +
        'it was written by a newer Lintel. Install that version again, or move the file away to start a fresh cache.',
    );
  }
  if (from === latest) return { from, to: latest };
  db.transaction(() => {
    for (const m of migrations.slice(from)) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return { from, to: latest };
}
