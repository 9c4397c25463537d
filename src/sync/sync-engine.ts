import { classifyThrown, retryDelayMs, type Failure } from '../calendar/graph/classify-error.js';
import { GraphFailure } from '../calendar/graph/graph-failure.js';
import type { CalendarSource } from '../calendar/source.js';
import type { Store } from '../store/store.js';
import type { Clock } from '../util/clock.js';
import { errorMessage } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { syncWindowFor } from './sync-window.js';

export interface SyncStatus {
  readonly source: 'demo' | 'graph';
  readonly online: boolean;
  readonly lastSuccessAt: number | null;
  readonly lastError: string | null;
  /** The classified reason of the last failed attempt; null after a success. */
  readonly failure: Failure | null;
  /** When the next attempt is due (epoch ms), or null when none is scheduled. */
  readonly nextAttemptAt: number | null;
}

export interface SyncEngineOptions {
  readonly source: CalendarSource;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The room's zone decides the sync window; it may change when the mailbox settings are read. */
  readonly timeZone: () => string;
  readonly intervalMs: number;
  /** [0, 1) for backoff jitter; injected so tests are exact. */
  readonly random?: () => number;
  /** Called after every sync attempt, changed or not, so status (online/offline) is republished too. */
  readonly onSynced: (changed: boolean) => void;
}

/**
 * Pulls the calendar into the store every interval, one request in flight at a time. After a
 * failure it backs off exponentially with jitter (never sooner than a Retry-After), and the
 * cache keeps answering meanwhile.
 */
export class SyncEngine {
  private inFlight: Promise<void> | null = null;
  private cancelTimer: (() => void) | null = null;
  private stopped = false;
  private online = false;
  private failure: Failure | null = null;
  private failedAttempts = 0;
  private nextAttemptAt: number | null = null;

  constructor(private readonly o: SyncEngineOptions) {}

  status(): SyncStatus {
    const row = this.o.store.syncState(this.o.source.kind);
    return {
      source: this.o.source.kind,
      online: this.online,
      lastSuccessAt: row?.lastSuccessAt ?? null,
      lastError: row?.lastError ?? null,
      failure: this.failure,
      nextAttemptAt: this.nextAttemptAt,
    };
  }

  /** Syncs now, then every interval until stop(). */
  start(): Promise<void> {
    this.stopped = false;
    return this.syncNow();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** Resolves when no sync is running (used before closing the store). */
  async idle(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
  }

  /** One sync; a call while one is running joins it instead of sending a second request. */
  syncNow(): Promise<void> {
    if (this.stopped) return this.inFlight ?? Promise.resolve();
    this.inFlight ??= this.runOnce().finally(() => {
      this.inFlight = null;
      this.scheduleNext();
    });
    return this.inFlight;
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    const delay = this.failure
      ? retryDelayMs(this.failedAttempts, this.failure, (this.o.random ?? Math.random)())
      : this.o.intervalMs;
    this.nextAttemptAt = this.o.clock.now() + delay;
    this.cancelTimer = this.o.clock.at(this.nextAttemptAt, () => void this.syncNow());
  }

  private async runOnce(): Promise<void> {
    const { source, store, clock, logger } = this.o;
    const now = clock.now();
    const previous = store.syncState(source.kind);
    const window = syncWindowFor(now, this.o.timeZone());
    // The window is fixed by the first request of a delta chain, so a new day needs a fresh chain.
    const sameWindow = previous?.windowStart === window.start && previous.windowEnd === window.end;
    let changed: boolean;
    try {
      const result = await source.sync({ cursor: sameWindow ? previous.cursor : null, window, now });
      changed =
        result.batch.kind === 'full' || result.batch.upserts.length > 0 || result.batch.removedIds.length > 0;
      store.applySync(source.kind, result.batch, {
        cursor: result.cursor,
        windowStart: result.window.start,
        windowEnd: result.window.end,
        lastSuccessAt: clock.now(),
      });
      if (!this.online) logger.info({ event: 'sync.online', source: source.kind }, 'Calendar sync is working');
      this.online = true;
      this.failure = null;
      this.failedAttempts = 0;
    } catch (err) {
      changed = false;
      const failure = err instanceof GraphFailure ? err.failure : classifyThrown(err);
      const message = err instanceof GraphFailure ? failure.advice : errorMessage(err);
      store.recordSyncError(source.kind, message);
      if (this.online || previous?.lastError !== message) {
        // The advice names the room and what to change; it never holds tokens or event text.
        logger.warn({ event: 'sync.failed', source: source.kind, kind: failure.kind, code: failure.code, advice: failure.advice }, 'Calendar sync failed; showing the cached calendar');
      }
      this.online = false;
      this.failure = failure;
      this.failedAttempts += 1;
    }
    this.o.onSynced(changed);
  }
}
