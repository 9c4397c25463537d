import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { openDatabase } from '../../src/store/open-database.js';
import { Store } from '../../src/store/store.js';
import { event } from '../helpers/events.js';
import { memoryLogger } from '../helpers/memory-logger.js';
import { silentLogger } from '../../src/util/logger.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lintel-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('bring a new database to the latest version with STRICT tables and WAL', () => {
    const file = join(tempDir(), 'lintel.db');
    const db = openDatabase(file, silentLogger());
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare<[], { name: string; strict: number }>("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all();
    expect(tables.map((t) => t.name).sort()).toEqual(['audit', 'check_ins', 'device_bookings', 'events', 'outbox', 'settings', 'sync_state']);
    expect(tables.every((t) => t.strict === 1)).toBe(true);
    db.close();
  });

  it('are idempotent: reopening changes nothing', () => {
    const file = join(tempDir(), 'lintel.db');
    openDatabase(file, silentLogger()).close();
    const db = openDatabase(file, silentLogger());
    expect(migrate(db, MIGRATIONS)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
    db.close();
  });

  it('roll back entirely when one migration fails', () => {
    const db = new BetterSqlite3(':memory:');
    const broken = [
      { version: 1, name: 'ok', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE a (x INTEGER) STRICT') },
      { version: 2, name: 'bad', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE nonsense (') },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
  });

  it('refuse a database written by a newer Lintel, and leave it in place', () => {
    const file = join(tempDir(), 'lintel.db');
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => openDatabase(file, silentLogger())).toThrow(/newer Lintel/);
    expect(existsSync(file)).toBe(true);
    const again = new BetterSqlite3(file);
    expect(schemaVersion(again)).toBe(MIGRATIONS.length + 5);
    again.close();
  });
});

describe('an unusable cache file', () => {
  it('that is garbage is moved aside with a log line and rebuilt; other files untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'lintel.db');
    writeFileSync(file, 'this is not a database, it is a shopping list'.repeat(200));
    writeFileSync(join(dir, 'config.json'), '{"display":{"clock":"24h"}}');
    const { logger, lines } = memoryLogger();
    const db = openDatabase(file, logger, () => Date.UTC(2026, 10, 21, 9, 0));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
    const names = readdirSync(dir).sort();
    const aside = names.find((n) => n.startsWith('lintel.db.unusable-2026-11-21T09-00-00'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toContain('shopping list');
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{"display":{"clock":"24h"}}');
    const warning = lines().find((l) => l.event === 'store.rebuilt');
    expect(warning).toMatchObject({ level: 40, reason: 'SQLITE_NOTADB', file });
    expect(String(warning?.msg)).toMatch(/moved it to .*unusable.*fresh cache/);
  });

  it('that cannot be opened at all (a folder in its place) is moved aside and rebuilt', () => {
    const dir = tempDir();
    const file = join(dir, 'lintel.db');
    mkdirSync(file);
    const db = openDatabase(file, silentLogger());
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
    expect(readdirSync(dir).some((n) => n.startsWith('lintel.db.unusable-'))).toBe(true);
  });

  it('with a corrupted page is detected by the integrity check and rebuilt', () => {
    const dir = tempDir();
    const file = join(dir, 'lintel.db');
    const store = new Store(openDatabase(file, silentLogger()));
    store.applySync('demo', { kind: 'full', events: Array.from({ length: 300 }, (_, i) => event({ start: i * 1000, end: i * 1000 + 500, subject: 'x'.repeat(200) })) }, {
      cursor: 'c',
      windowStart: 0,
      windowEnd: 1,
      lastSuccessAt: 1,
    });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const bytes = readFileSync(file);
    // Scribble over an interior b-tree page (page 3 onwards), keeping the header valid.
    bytes.fill(0xa5, 4096 * 2 + 8, 4096 * 2 + 3000);
    writeFileSync(file, bytes);
    const { logger, lines } = memoryLogger();
    const db = openDatabase(file, logger);
    expect(new Store(db).events(-1, 1e12)).toEqual([]);
    db.close();
    expect(lines().some((l) => l.event === 'store.rebuilt')).toBe(true);
  });
});

describe('Store', () => {
  function memoryStore(): Store {
    return new Store(openDatabase(':memory:', silentLogger()));
  }

  it('replaces the window on a full sync and applies deltas', () => {
    const store = memoryStore();
    const a = event({ start: 1000, end: 2000 });
    const b = event({ start: 3000, end: 4000 });
    store.applySync('graph', { kind: 'full', events: [a, b] }, { cursor: 'c1', windowStart: 0, windowEnd: 10_000, lastSuccessAt: 50 });
    expect(store.events(0, 10_000)).toEqual([a, b]);
    const moved = { ...b, start: 5000, end: 6000, subject: 'Moved' };
    const c = event({ start: 7000, end: 8000, isAllDay: true, showAs: 'tentative', sensitivity: 'private', organizer: null });
    store.applySync('graph', { kind: 'delta', upserts: [moved, c], removedIds: [a.id] }, { cursor: 'c2', windowStart: 0, windowEnd: 10_000, lastSuccessAt: 60 });
    expect(store.events(0, 10_000)).toEqual([moved, c]);
    expect(store.syncState('graph')).toEqual({ source: 'graph', cursor: 'c2', windowStart: 0, windowEnd: 10_000, lastSuccessAt: 60, lastError: null });
    store.applySync('graph', { kind: 'full', events: [] }, { cursor: 'c3', windowStart: 0, windowEnd: 10_000, lastSuccessAt: 70 });
    expect(store.events(0, 10_000)).toEqual([]);
  });

  it('returns only events overlapping the asked range', () => {
    const store = memoryStore();
    const before = event({ start: 0, end: 100 });
    const touching = event({ start: 100, end: 200 });
    const inside = event({ start: 150, end: 160 });
    const after = event({ start: 300, end: 400 });
    store.applySync('demo', { kind: 'full', events: [before, touching, inside, after] }, { cursor: null, windowStart: 0, windowEnd: 1, lastSuccessAt: 1 });
    expect(store.events(100, 300).map((e) => e.id)).toEqual([touching.id, inside.id]);
  });

  it('keeps a failed sync out: the cache stays as it was and the error is recorded', () => {
    const store = memoryStore();
    const a = event({ start: 1000, end: 2000 });
    store.applySync('graph', { kind: 'full', events: [a] }, { cursor: 'c1', windowStart: 0, windowEnd: 1, lastSuccessAt: 5 });
    const bad = { ...event({ start: 1, end: 2 }), showAs: undefined } as unknown as typeof a;
    expect(() => store.applySync('graph', { kind: 'full', events: [bad] }, { cursor: 'c2', windowStart: 0, windowEnd: 1, lastSuccessAt: 9 })).toThrow();
    expect(store.events(0, 10_000)).toEqual([a]);
    store.recordSyncError('graph', 'network down');
    expect(store.syncState('graph')).toMatchObject({ cursor: 'c1', lastSuccessAt: 5, lastError: 'network down' });
  });

  it('stores settings and an append-only audit log', () => {
    const store = memoryStore();
    expect(store.setting('pin')).toBeNull();
    store.setSetting('locale', 'de-DE');
    store.setSetting('locale', 'en-GB');
    expect(store.setting('locale')).toBe('en-GB');
    store.audit({ at: 1, actor: 'admin', action: 'paired', detail: { room: 'aurora@contoso.com' } });
    store.audit({ at: 2, actor: 'door', action: 'booked', detail: { minutes: 30 } });
    expect(store.auditLog().map((e) => e.action)).toEqual(['booked', 'paired']);
    expect(store.auditLog()[1]?.detail).toEqual({ room: 'aurora@contoso.com' });
  });
});
