import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { m0001Initial } from '../../src/store/migrations/0001-initial.js';
import { openDatabase } from '../../src/store/open-database.js';
import { Store } from '../../src/store/store.js';
import { silentLogger } from '../../src/util/logger.js';
import { ROOT } from '../helpers/cli.js';

const T = Date.parse('2026-11-23T10:00:00Z');
const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lintel-outbox-'));
  dirs.push(dir);
  return join(dir, 'lintel.db');
}

function open(file: string): Store {
  const store = new Store(openDatabase(file, silentLogger(), () => T));
  stores.push(store);
  return store;
}

function reopen(store: Store, file: string): Store {
  store.close();
  stores.splice(stores.indexOf(store), 1);
  return open(file);
}

const BOOK = { transactionId: 'tx-1', kind: 'book' as const, payload: { start: T, end: T + 900_000, subject: 'Walk-up booking' }, now: T };

describe('outbox', () => {
  it('a database from before door actions (version 1) keeps its queued actions when upgraded', () => {
    const file = dbFile();
    const raw = new Database(file);
    m0001Initial.up(raw);
    raw.pragma('user_version = 1');
    raw.prepare("INSERT INTO outbox (transaction_id, kind, payload, status, attempts, next_attempt_ms, created_ms) VALUES ('tx-old', 'check-in', '{}', 'pending', 0, ?, ?)").run(T, T);
    raw.close();
    const store = open(file);
    expect(store.outbox.pending()).toMatchObject([{ transactionId: 'tx-old', status: 'pending', finishedAt: null, result: null, dismissed: false }]);
    expect(store.deviceBooking('anything')).toBeNull();
  });

  it('keeps a queued action across a restart, and a double tap queues it once', () => {
    const file = dbFile();
    let store = open(file);
    const first = store.outbox.enqueue(BOOK);
    expect(store.outbox.enqueue(BOOK).id).toBe(first.id);
    store = reopen(store, file);
    expect(store.outbox.pending()).toEqual([
      { id: first.id, transactionId: 'tx-1', kind: 'book', payload: BOOK.payload, status: 'pending', attempts: 0, nextAttemptAt: T, createdAt: T, lastError: null, finishedAt: null, result: null, dismissed: false },
    ]);
  });

  it('resends an action whose answer was never recorded (sent, then a crash)', () => {
    const file = dbFile();
    let store = open(file);
    const item = store.outbox.enqueue(BOOK);
    store.outbox.markSent(item.id);
    store = reopen(store, file);
    expect(store.outbox.dueAt(T).map((i) => [i.transactionId, i.status, i.attempts])).toEqual([['tx-1', 'sent', 1]]);
    store.outbox.markDone(item.id, T + 1000, { code: 'booked', message: 'Booked until 10:15.', eventId: 'AAMk1' });
    expect(store.outbox.dueAt(T + 10_000)).toEqual([]);
    expect(store.auditLog().map((a) => [a.action, a.detail])).toEqual([
      ['book.done', { transactionId: 'tx-1', code: 'booked', eventId: 'AAMk1' }],
      ['book.queued', { transactionId: 'tx-1' }],
    ]);
  });

  it('waits until the retry time, and records a final failure for the door and the audit log', () => {
    const store = open(dbFile());
    const item = store.outbox.enqueue({ ...BOOK, kind: 'check-in', transactionId: 'tx-2' });
    store.outbox.markSent(item.id);
    store.outbox.retryAt(item.id, T + 30_000, 'network: Microsoft 365 cannot be reached');
    expect(store.outbox.dueAt(T + 29_999)).toEqual([]);
    expect(store.outbox.dueAt(T + 30_000)[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'network: Microsoft 365 cannot be reached' });
    store.outbox.markFailed(item.id, T + 40_000, 'the meeting no longer exists');
    expect(store.outbox.pending()).toEqual([]);
    expect(store.outbox.get(item.id).status).toBe('failed');
    expect(store.auditLog()[0]).toMatchObject({ action: 'check-in.failed', detail: { transactionId: 'tx-2', error: 'the meeting no longer exists', code: 'failed' } });
    expect(store.outbox.get(item.id)).toMatchObject({ finishedAt: T + 40_000, result: { code: 'failed', message: 'the meeting no longer exists' } });
  });

  it('survives kill -9 right after the write: the action is there on restart', () => {
    const file = dbFile();
    open(file).close();
    stores.splice(0);
    const script = `
      import { openDatabase } from ${JSON.stringify(join(ROOT, 'dist/src/store/open-database.js'))};
      import { Store } from ${JSON.stringify(join(ROOT, 'dist/src/store/store.js'))};
      const store = new Store(openDatabase(${JSON.stringify(file)}, { info() {}, warn() {}, error() {}, debug() {}, child() { return this; } }));
      store.outbox.enqueue({ transactionId: 'tx-killed', kind: 'book', payload: {}, now: ${T} });
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    const store = open(file);
    expect(store.outbox.pending().map((i) => i.transactionId)).toEqual(['tx-killed']);
  });
});

describe('check-ins', () => {
  it('the first check-in of a meeting counts; later ones (sensor, second tap) change nothing', () => {
    const store = open(dbFile());
    store.recordCheckIn('m1', T + 60_000, 'occupancy');
    store.recordCheckIn('m1', T + 120_000, 'door');
    expect(store.checkIns()).toEqual([{ eventId: 'm1', at: T + 60_000 }]);
  });
});
