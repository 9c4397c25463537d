import type { CalendarEvent } from '../../domain/event.js';
import type { Logger } from '../../util/logger.js';
import type { CalendarSource, RoomInfo, SyncRequest, SyncResult, SyncWindow } from '../source.js';
import type { GraphEvent } from './graph-event.js';
import { GraphFailure } from './graph-failure.js';
import type { GraphHttp } from './graph-http.js';
import { windowQuery } from './graph-time.js';
import { mapGraphEvent } from './map-event.js';

interface DeltaPage {
  value?: unknown;
  '@odata.nextLink'?: unknown;
  '@odata.deltaLink'?: unknown;
}

/** Pages of one delta round are bounded: a runaway nextLink chain must not hang the device. */
const MAX_PAGES = 200;

export interface GraphSourceOptions {
  readonly http: GraphHttp;
  /** Current room details (the zone may be updated from the mailbox settings). */
  readonly room: () => RoomInfo;
  readonly logger: Logger;
}

/**
 * The room's calendar through `calendarView/delta`: a full round when there is no cursor
 * (or Graph dropped the sync state), then only changes. The window is fixed by the first
 * request, so the sync engine starts a fresh round when the day moves.
 */
export class GraphCalendarSource implements CalendarSource {
  readonly kind = 'graph';

  constructor(private readonly o: GraphSourceOptions) {}

  room(): Promise<RoomInfo> {
    return Promise.resolve(this.o.room());
  }

  async sync(request: SyncRequest): Promise<SyncResult> {
    if (request.cursor) {
      try {
        return await this.round(request.cursor, request.window, 'delta');
      } catch (err) {
        if (!(err instanceof GraphFailure) || err.failure.kind !== 'sync-reset') throw err;
        this.o.logger.info({ event: 'sync.reset', code: err.failure.code }, 'Graph dropped the delta state; reloading the window');
      }
    }
    const room = encodeURIComponent(this.o.room().email);
    const first = `/users/${room}/calendarView/delta?${windowQuery(request.window.start, request.window.end)}`;
    return this.round(first, request.window, 'full');
  }

  private async round(firstUrl: string, window: SyncWindow, kind: 'full' | 'delta'): Promise<SyncResult> {
    const { email, timeZone } = this.o.room();
    const upserts = new Map<string, CalendarEvent>();
    const removed = new Set<string>();
    let url = firstUrl;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = (await this.o.http.getJson(url)) as DeltaPage | null;
      const items = Array.isArray(body?.value) ? (body.value as GraphEvent[]) : [];
      for (const item of items) {
        const mapped = mapGraphEvent(item, { roomEmail: email, roomZone: timeZone });
        if (mapped.kind === 'event') {
          upserts.set(mapped.event.id, mapped.event);
          removed.delete(mapped.event.id);
        } else if (mapped.kind === 'removed') {
          upserts.delete(mapped.id);
          removed.add(mapped.id);
        } else {
          this.o.logger.warn({ event: 'sync.skipped', reason: mapped.reason }, 'Skipped an event Graph sent');
        }
      }
      const next = body?.['@odata.nextLink'];
      const delta = body?.['@odata.deltaLink'];
      if (typeof next === 'string') {
        url = next;
        continue;
      }
      if (typeof delta === 'string') {
        const events = [...upserts.values()];
        return kind === 'full'
          ? { batch: { kind: 'full', events }, cursor: delta, window }
          : { batch: { kind: 'delta', upserts: events, removedIds: [...removed] }, cursor: delta, window };
      }
      throw new GraphFailure({ kind: 'bad-request', code: 'NO_DELTA_LINK', retryAfterMs: null, advice: 'Graph ended a delta round without a nextLink or deltaLink.' });
    }
    throw new GraphFailure({ kind: 'bad-request', code: 'TOO_MANY_PAGES', retryAfterMs: null, advice: `Graph sent more than ${MAX_PAGES} pages in one sync round.` });
  }
}
