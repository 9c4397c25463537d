import type { Database, Statement } from 'better-sqlite3';
import type { CalendarEvent, CheckIn, RoomResponse, Sensitivity, ShowAs } from '../domain/event.js';
import { Outbox } from './outbox.js';

export interface SyncStateRow {
  readonly source: string;
  readonly cursor: string | null;
  readonly windowStart: number | null;
  readonly windowEnd: number | null;
  readonly lastSuccessAt: number | null;
  readonly lastError: string | null;
}

/** What one sync brings: a full replacement of the cached window, or a delta against it. */
export type SyncBatch =
  | { readonly kind: 'full'; readonly events: readonly CalendarEvent[] }
  | { readonly kind: 'delta'; readonly upserts: readonly CalendarEvent[]; readonly removedIds: readonly string[] };

/** An event this device booked, and the copy it may change: the room's own, or the booking account's. */
export interface DeviceBooking {
  readonly roomEventId: string;
  readonly owner: 'room' | 'me';
  readonly ownerEventId: string;
  readonly transactionId: string;
}

export interface AuditEntry {
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly detail: Record<string, unknown>;
}

interface SyncStateDbRow {
  source: string;
  cursor: string | null;
  window_start_ms: number | null;
  window_end_ms: number | null;
  last_success_ms: number | null;
  last_error: string | null;
}

interface EventRow {
  id: string;
  subject: string;
  organizer_name: string | null;
  organizer_email: string | null;
  start_ms: number;
  end_ms: number;
  is_all_day: number;
  show_as: string;
  is_cancelled: number;
  room_response: string;
  sensitivity: string;
}

function rowToEvent(r: EventRow): CalendarEvent {
  return {
    id: r.id,
    subject: r.subject,
    organizer: r.organizer_name !== null || r.organizer_email !== null ? { name: r.organizer_name ?? '', email: r.organizer_email ?? '' } : null,
    start: r.start_ms,
    end: r.end_ms,
    isAllDay: r.is_all_day === 1,
    showAs: r.show_as as ShowAs,
    isCancelled: r.is_cancelled === 1,
    roomResponse: r.room_response as RoomResponse,
    sensitivity: r.sensitivity as Sensitivity,
  };
}

function eventToRow(e: CalendarEvent): EventRow {
  return {
    id: e.id,
    subject: e.subject,
    organizer_name: e.organizer?.name ?? null,
    organizer_email: e.organizer?.email ?? null,
    start_ms: e.start,
    end_ms: e.end,
    is_all_day: e.isAllDay ? 1 : 0,
    show_as: e.showAs,
    is_cancelled: e.isCancelled ? 1 : 0,
    room_response: e.roomResponse,
    sensitivity: e.sensitivity,
  };
}

/** Typed access to the cache. Every multi-row change runs in one transaction. */
export class Store {
  private readonly upsertEvent: Statement<EventRow>;
  private readonly deleteEvent: Statement<[string]>;
  private readonly eventsBetween: Statement<[number, number], EventRow>;
  // Read on every derive: prepared once.
  private readonly syncStateBySource: Statement<[string], SyncStateDbRow>;
  private readonly allCheckIns: Statement<[], { event_id: string; at_ms: number }>;

  /** User actions waiting to reach Microsoft 365. */
  readonly outbox: Outbox;

  constructor(readonly db: Database) {
    this.outbox = new Outbox(db);
    this.upsertEvent = db.prepare(`
      INSERT INTO events (id, subject, organizer_name, organizer_email, start_ms, end_ms, is_all_day, show_as, is_cancelled, room_response, sensitivity)
      VALUES (@id, @subject, @organizer_name, @organizer_email, @start_ms, @end_ms, @is_all_day, @show_as, @is_cancelled, @room_response, @sensitivity)
      ON CONFLICT (id) DO UPDATE SET subject = excluded.subject, organizer_name = excluded.organizer_name,
        organizer_email = excluded.organizer_email, start_ms = excluded.start_ms, end_ms = excluded.end_ms,
        is_all_day = excluded.is_all_day, show_as = excluded.show_as, is_cancelled = excluded.is_cancelled,
        room_response = excluded.room_response, sensitivity = excluded.sensitivity`);
    this.deleteEvent = db.prepare('DELETE FROM events WHERE id = ?');
    this.eventsBetween = db.prepare<[number, number], EventRow>(
      'SELECT * FROM events WHERE start_ms < ? AND end_ms > ? ORDER BY start_ms, id',
    );
    this.syncStateBySource = db.prepare<[string], SyncStateDbRow>('SELECT * FROM sync_state WHERE source = ?');
    this.allCheckIns = db.prepare<[], { event_id: string; at_ms: number }>('SELECT event_id, at_ms FROM check_ins ORDER BY at_ms');
  }

  close(): void {
    this.db.close();
  }

  /** Events overlapping [from, to). */
  events(from: number, to: number): CalendarEvent[] {
    return this.eventsBetween.all(to, from).map(rowToEvent);
  }

  /** Writes one sync's result and its cursor together, so a crash never leaves half a sync. */
  applySync(source: string, batch: SyncBatch, state: Omit<SyncStateRow, 'source' | 'lastError'>): void {
    this.db.transaction(() => {
      if (batch.kind === 'full') {
        this.db.prepare('DELETE FROM events').run();
        for (const e of batch.events) this.upsertEvent.run(eventToRow(e));
      } else {
        for (const id of batch.removedIds) this.deleteEvent.run(id);
        for (const e of batch.upserts) this.upsertEvent.run(eventToRow(e));
      }
      this.writeSyncState({ source, ...state, lastError: null });
    }).immediate();
  }

  syncState(source: string): SyncStateRow | null {
    const row = this.syncStateBySource.get(source);
    if (!row) return null;
    return {
      source: row.source,
      cursor: row.cursor,
      windowStart: row.window_start_ms,
      windowEnd: row.window_end_ms,
      lastSuccessAt: row.last_success_ms,
      lastError: row.last_error,
    };
  }

  recordSyncError(source: string, message: string): void {
    this.db
      .prepare('INSERT INTO sync_state (source, last_error) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET last_error = excluded.last_error')
      .run(source, message);
  }

  private writeSyncState(s: SyncStateRow): void {
    this.db
      .prepare(
        `INSERT INTO sync_state (source, cursor, window_start_ms, window_end_ms, last_success_ms, last_error)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, window_start_ms = excluded.window_start_ms,
           window_end_ms = excluded.window_end_ms, last_success_ms = excluded.last_success_ms, last_error = excluded.last_error`,
      )
      .run(s.source, s.cursor, s.windowStart, s.windowEnd, s.lastSuccessAt, s.lastError);
  }

  /**
   * What the door just did and Microsoft 365 confirmed, written before the next sync brings it,
   * so the door never shows the old truth in between. The sync overwrites it with Graph's copy.
   */
  putEvent(e: CalendarEvent): void {
    this.upsertEvent.run(eventToRow(e));
  }

  event(id: string): CalendarEvent | null {
    const row = this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?').get(id);
    return row ? rowToEvent(row) : null;
  }

  setEventEnd(id: string, end: number): void {
    this.db.prepare('UPDATE events SET end_ms = ? WHERE id = ?').run(end, id);
  }

  /** Released or taken back: the room is free again at once, as it will be after the next sync. */
  dropEvent(id: string): void {
    this.db.transaction(() => {
      this.deleteEvent.run(id);
      this.db.prepare('DELETE FROM device_bookings WHERE room_event_id = ?').run(id);
    }).immediate();
  }

  addDeviceBooking(b: DeviceBooking): void {
    this.db
      .prepare('INSERT INTO device_bookings (room_event_id, owner, owner_event_id, transaction_id) VALUES (?, ?, ?, ?) ON CONFLICT (room_event_id) DO NOTHING')
      .run(b.roomEventId, b.owner, b.ownerEventId, b.transactionId);
  }

  deviceBooking(roomEventId: string): DeviceBooking | null {
    const row = this.db
      .prepare<[string], { room_event_id: string; owner: 'room' | 'me'; owner_event_id: string; transaction_id: string }>('SELECT * FROM device_bookings WHERE room_event_id = ?')
      .get(roomEventId);
    return row ? { roomEventId: row.room_event_id, owner: row.owner, ownerEventId: row.owner_event_id, transactionId: row.transaction_id } : null;
  }

  /** A check-in from the door, a walk-up booking or the occupancy sensor; the first one counts. */
  recordCheckIn(eventId: string, at: number, source: 'door' | 'walk-up' | 'occupancy'): void {
    this.db.prepare('INSERT INTO check_ins (event_id, at_ms, source) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING').run(eventId, at, source);
  }

  checkIns(): CheckIn[] {
    return this.allCheckIns
      .all()
      .map((r) => ({ eventId: r.event_id, at: r.at_ms }));
  }

  setting(key: string): string | null {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
    return row?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  audit(entry: AuditEntry): void {
    this.db
      .prepare('INSERT INTO audit (at_ms, actor, action, detail) VALUES (?, ?, ?, ?)')
      .run(entry.at, entry.actor, entry.action, JSON.stringify(entry.detail));
  }

  /**
   * Factory reset: the calendar cache, sync cursors, settings, queued actions and check-ins go;
   * the audit log stays, so who paired and reset the display is still on record.
   */
  wipeCalendarData(): void {
    this.db.transaction(() => {
      for (const table of ['events', 'sync_state', 'settings', 'outbox', 'check_ins', 'device_bookings']) this.db.prepare(`DELETE FROM ${table}`).run();
    })();
  }

  auditLog(limit = 100): AuditEntry[] {
    return this.db
      .prepare<[number], { at_ms: number; actor: string; action: string; detail: string }>(
        'SELECT at_ms, actor, action, detail FROM audit ORDER BY id DESC LIMIT ?',
      )
      .all(limit)
      .map((r) => ({ at: r.at_ms, actor: r.actor, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }
}
