import { classifyThrown, retryDelayMs, type Failure } from '../calendar/graph/classify-error.js';
import { GraphFailure } from '../calendar/graph/graph-failure.js';
import type { OutboxItem } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { ActionExecutor, StepResult } from './action-types.js';

export interface OutboxWorkerOptions {
  readonly store: Store;
  readonly executor: ActionExecutor;
  readonly clock: Clock;
  readonly logger: Logger;
  /** [0, 1) for backoff jitter. */
  readonly random?: () => number;
  /** Something the door shows changed (an action moved on). */
  readonly onChange: (item: OutboxItem) => void;
}

/** Failures no retry can mend: the request itself, or the meeting, is the problem. */
const FINAL: ReadonlySet<Failure['kind']> = new Set(['bad-request', 'not-found', 'scoped-out', 'consent-missing']);

/** After this moment an action is pointless: a booking whose slot is over, a meeting that ended. */
export function deadlineOf(item: OutboxItem): number {
  const p = item.payload;
  const num = (k: string): number | null => (typeof p[k] === 'number' ? p[k] : null);
  switch (item.kind) {
    case 'book':
    case 'extend':
    case 'release':
      return num('end') ?? item.createdAt;
    case 'end-early':
      return num('previousEnd') ?? item.createdAt;
    case 'check-in':
      return item.createdAt + 60 * 60_000;
    case 'undo':
      return item.createdAt + 15 * 60_000;
  }
}

function sentenceFor(failure: Failure, kind: OutboxItem['kind']): string {
  if (failure.kind === 'not-found' && kind !== 'book') return 'The meeting is no longer in the calendar.';
  if (failure.kind === 'scoped-out' || failure.kind === 'consent-missing') return 'This display is not allowed to change the room calendar; facilities can fix it.';
  return 'Microsoft 365 could not be reached in time; nothing was changed.';
}

/**
 * Sends outbox items one at a time, oldest first, with the sync's error classes and backoff. It
 * marks an item `sent` (committed) before the request, so after a crash it resends it with the same
 * transactionId instead of wondering. Resumes by itself after a restart: `start()` picks up
 * whatever the last run left.
 */
export class OutboxWorker {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private cancelTimer: (() => void) | null = null;

  constructor(private readonly o: OutboxWorkerOptions) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** Resolves when no item is being sent (before closing the store). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Something was queued, or the network is back: send what is due now. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      } else this.arm();
    });
  }

  private arm(): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    const next = this.o.store.outbox.pending().reduce<number | null>((min, i) => (min === null || i.nextAttemptAt < min ? i.nextAttemptAt : min), null);
    this.cancelTimer = next === null ? null : this.o.clock.at(Math.max(next, this.o.clock.now()), () => this.kick());
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const item = this.o.store.outbox.dueAt(this.o.clock.now())[0];
      if (!item) return;
      await this.step(item);
    }
  }

  private async step(item: OutboxItem): Promise<void> {
    const { store, clock, logger } = this.o;
    const firstSend = item.attempts === 0;
    store.outbox.markSent(item.id);
    this.o.onChange(store.outbox.get(item.id));
    let result: StepResult;
    try {
      result = await this.o.executor.execute(item, { now: clock.now(), firstSend });
    } catch (err) {
      if (this.stopped) return; // closing: the item stays `sent` and is resent next start
      const failure = err instanceof GraphFailure ? err.failure : classifyThrown(err);
      const now = clock.now();
      const attempts = item.attempts + 1;
      const retryAt = now + retryDelayMs(attempts, failure, (this.o.random ?? Math.random)());
      if (FINAL.has(failure.kind) || retryAt >= deadlineOf(item)) {
        logger.warn({ event: 'outbox.failed', kind: item.kind, transactionId: item.transactionId, failure: failure.kind, code: failure.code }, 'A door action failed for good');
        store.outbox.markFailed(item.id, now, `${failure.kind}: ${failure.code}`, { code: failure.kind === 'not-found' ? 'gone' : 'failed', message: sentenceFor(failure, item.kind) });
      } else {
        logger.info({ event: 'outbox.retry', kind: item.kind, transactionId: item.transactionId, failure: failure.kind, inMs: retryAt - now }, 'A door action will be retried');
        store.outbox.retryAt(item.id, retryAt, `${failure.kind}: ${failure.code}`);
      }
      this.o.onChange(store.outbox.get(item.id));
      return;
    }
    const now = clock.now();
    if (result.kind === 'again') {
      store.db.transaction(() => {
        store.outbox.savePayload(item.id, result.payload);
        store.outbox.retryAt(item.id, result.at, null);
      }).immediate();
    } else if (result.kind === 'done') {
      store.outbox.markDone(item.id, now, result.result);
    } else {
      store.outbox.markFailed(item.id, now, result.result.code, result.result);
    }
    this.o.onChange(store.outbox.get(item.id));
  }
}
