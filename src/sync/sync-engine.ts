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
}

export interface SyncEngineOptions {
  readonly source: CalendarSource;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timeZone: string;
  readonly intervalMs: number;
  /** Called after every sync attempt, changed or not, so status (online/offline) is republished too. */
  readonly onSynced: (changed: boolean) => void;
}

/** Pulls the calendar into the store on a fixed cadence, one request in flight at a time. */
export class SyncEngine {
  private inFlight: Promise<void> | null = null;
  private cancelTimer: (() => void) | null = null;
  private stopped = false;
  private online = false;

  constructor(private readonly o: SyncEngineOptions) {}

  status(): SyncStatus {
    const row = this.o.store.syncState(this.o.source.kind);
    return {
      source: this.o.source.kind,
      online: this.online,
      lastSuccessAt: row?.lastSuccessAt ?? null,
      lastError: row?.lastError ?? null,
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

  /** One sync; a call while one is running joins it instead of sending a second request. */
  syncNow(): Promise<void> {
    this.inFlight ??= this.runOnce().finally(() => {
      this.inFlight = null;
      this.scheduleNext();
    });
    return this.inFlight;
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    this.cancelTimer = this.o.clock.at(this.o.clock.now() + this.o.intervalMs, () => void this.syncNow());
  }

  private async runOnce(): Promise<void> {
    const { source, store, clock, logger } = this.o;
    const now = clock.now();
    const previous = store.syncState(source.kind);
    const window = syncWindowFor(now, this.o.timeZone);
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
    } catch (err) {
      changed = false;
      const message = errorMessage(err);
      store.recordSyncError(source.kind, message);
      if (this.online || previous?.lastError !== message) {
        logger.warn({ event: 'sync.failed', source: source.kind, error: message }, 'Calendar sync failed; showing the cached calendar');
      }
      this.online = false;
    }
    this.o.onSynced(changed);
  }
}
