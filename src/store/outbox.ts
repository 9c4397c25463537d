import type { Database, Statement } from 'better-sqlite3';

/** A user action at the door, written down before anything is sent so no crash can lose it. */
export type OutboxKind = 'book' | 'check-in' | 'end-early' | 'extend' | 'release' | 'undo';
/**
 * pending: not sent yet, or to be retried; sent: handed to Graph, answer not recorded yet (after
 * a crash it is sent again with the same transactionId); done; failed: gave up, shown and audited.
 */
export type OutboxStatus = 'pending' | 'sent' | 'done' | 'failed';

export interface OutboxItem {
  readonly id: number;
  /** Also the Graph event's transactionId for creates: a resent POST cannot make a second event. */
  readonly transactionId: string;
  readonly kind: OutboxKind;
  readonly payload: Record<string, unknown>;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly createdAt: number;
  readonly lastError: string | null;
  /** When it reached done or failed. */
  readonly finishedAt: number | null;
  /** How it ended, for the door: a code and a sentence (and ids it made). */
  readonly result: OutboxResult | null;
  /** Hidden from the door by a tap on its close button. */
  readonly dismissed: boolean;
}

export interface OutboxResult {
  readonly code: string;
  readonly message: string;
  readonly [key: string]: unknown;
}

interface OutboxRow {
  id: number;
  transaction_id: string;
  kind: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_ms: number;
  created_ms: number;
  last_error: string | null;
  finished_ms: number | null;
  result: string | null;
  dismissed: number;
}

function toItem(r: OutboxRow): OutboxItem {
  return {
    id: r.id,
    transactionId: r.transaction_id,
    kind: r.kind as OutboxKind,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_ms,
    createdAt: r.created_ms,
    lastError: r.last_error,
    finishedAt: r.finished_ms,
    result: r.result === null ? null : (JSON.parse(r.result) as OutboxResult),
    dismissed: r.dismissed === 1,
  };
}

/** The outbox table: every step of an action's life is one committed row update and an audit line. */
export class Outbox {
  private readonly byId: Statement<[number], OutboxRow>;
  private readonly due: Statement<[number], OutboxRow>;
  private readonly open: Statement<[], OutboxRow>;
  private readonly shown: Statement<[number], OutboxRow>;

  constructor(private readonly db: Database) {
    this.byId = db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
    this.due = db.prepare<[number], OutboxRow>("SELECT * FROM outbox WHERE status IN ('pending', 'sent') AND next_attempt_ms <= ? ORDER BY id");
    this.open = db.prepare<[], OutboxRow>("SELECT * FROM outbox WHERE status IN ('pending', 'sent') ORDER BY id");
    this.shown = db.prepare<[number], OutboxRow>(
      "SELECT * FROM outbox WHERE dismissed = 0 AND (status IN ('pending', 'sent') OR finished_ms >= ?) ORDER BY id DESC LIMIT 20",
    );
  }

  /** Writes the action durably; a transactionId already queued returns the existing item (a double tap). */
  enqueue(o: { transactionId: string; kind: OutboxKind; payload: Record<string, unknown>; now: number }): OutboxItem {
    return this.db
      .transaction(() => {
        const existing = this.db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE transaction_id = ?').get(o.transactionId);
        if (existing) return toItem(existing);
        const { lastInsertRowid } = this.db
          .prepare("INSERT INTO outbox (transaction_id, kind, payload, status, attempts, next_attempt_ms, created_ms) VALUES (?, ?, ?, 'pending', 0, ?, ?)")
          .run(o.transactionId, o.kind, JSON.stringify(o.payload), o.now, o.now);
        this.auditLine(o.now, 'queued', o.kind, o.transactionId, null);
        return this.get(Number(lastInsertRowid));
      })
      .immediate();
  }

  byTransactionId(transactionId: string): OutboxItem | null {
    const row = this.db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE transaction_id = ?').get(transactionId);
    return row ? toItem(row) : null;
  }

  /** Open items, and those finished since `since` and not dismissed: what the door lists. Newest first. */
  shownSince(since: number): OutboxItem[] {
    return this.shown.all(since).map(toItem);
  }

  get(id: number): OutboxItem {
    const row = this.byId.get(id);
    if (!row) throw new Error(`outbox item ${id} does not exist`);
    return toItem(row);
  }

  /** Items to send now, oldest first; `sent` ones are there because their answer was never recorded. */
  dueAt(now: number): OutboxItem[] {
    return this.due.all(now).map(toItem);
  }

  /** Everything not finished, for the door to show honestly. */
  pending(): OutboxItem[] {
    return this.open.all().map(toItem);
  }

  markSent(id: number): void {
    this.db.prepare("UPDATE outbox SET status = 'sent', attempts = attempts + 1 WHERE id = ?").run(id);
  }

  markDone(id: number, now: number, result: OutboxResult = { code: 'done', message: 'Done.' }): void {
    this.finish(id, now, 'done', null, result);
  }

  markFailed(id: number, now: number, error: string, result: OutboxResult = { code: 'failed', message: error }): void {
    this.finish(id, now, 'failed', error, result);
  }

  /** Not finished yet: try again at `at` (after a failure, or to ask the room for its answer again). */
  retryAt(id: number, at: number, error: string | null): void {
    this.db.prepare("UPDATE outbox SET status = 'pending', next_attempt_ms = ?, last_error = ? WHERE id = ?").run(at, error, id);
  }

  /** Progress that must survive a crash, e.g. the id Graph gave a created event. */
  savePayload(id: number, payload: Record<string, unknown>): void {
    this.db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(JSON.stringify(payload), id);
  }

  dismiss(id: number): void {
    this.db.prepare('UPDATE outbox SET dismissed = 1 WHERE id = ?').run(id);
  }

  private finish(id: number, now: number, status: 'done' | 'failed', error: string | null, result: OutboxResult): void {
    this.db
      .transaction(() => {
        this.db
          .prepare('UPDATE outbox SET status = ?, last_error = ?, finished_ms = ?, result = ? WHERE id = ?')
          .run(status, error, now, JSON.stringify(result), id);
        const item = this.get(id);
        // The sentence is for the door; the audit keeps the code and the ids, never calendar text.
        const { message: _sentence, ...detail } = result;
        this.auditLine(now, status, item.kind, item.transactionId, error, detail);
      })
      .immediate();
  }

  private auditLine(now: number, step: string, kind: OutboxKind, transactionId: string, error: string | null, detail: Record<string, unknown> = {}): void {
    this.db
      .prepare("INSERT INTO audit (at_ms, actor, action, detail) VALUES (?, 'door', ?, ?)")
      .run(now, `${kind}.${step}`, JSON.stringify({ transactionId, ...(error ? { error } : {}), ...detail }));
  }
}
