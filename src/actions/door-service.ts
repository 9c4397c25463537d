import { createHash } from 'node:crypto';
import type { ActionRequest, ActivityJson, ApiResult, DoorActionsJson } from '../api/contract.js';
import type { DoorView } from '../api/room-state-json.js';
import type { BookingConfig } from '../config/load-config.js';
import { derive } from '../domain/derive.js';
import { doorOffers, walkUpSubject, withPending, type DoorOffers, type PendingChange } from '../domain/door-actions.js';
import type { CalendarEvent, CheckIn } from '../domain/event.js';
import type { RoomPolicy } from '../domain/policy.js';
import type { RoomState } from '../domain/room-state.js';
import { toIsoInZone } from '../domain/time.js';
import { dueReleases, mayBeReleased, type ReleasePolicy } from '../domain/walk-up.js';
import { minutes } from '../domain/time.js';
import type { OutboxItem, OutboxKind } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { payloadOf, type BookPayload, type ReleasePayload, type SetEndPayload, type UndoPayload } from './action-types.js';
import { parseActionRequest } from './action-request.js';
import { activityOf, FAILED_SHOWN_MS, shownUntil, UNDO_MS } from './activity-view.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A tap a moment after the undo button vanished still counts. */
const UNDO_GRACE_MS = 2_000;
/** Graph ids are long and share prefixes: a digest makes a short, unique transactionId per meeting. */
const releaseId = (eventId: string): string => `release-${createHash('sha256').update(eventId).digest('hex').slice(0, 40)}`;
const RELEASE_COMMENT = (m: number): string => `Released by the room display: nobody checked in within ${m} minutes of the start.`;

export interface DoorServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly booking: BookingConfig;
  readonly release: ReleasePolicy;
  readonly policy: () => RoomPolicy;
  readonly timeZone: () => string;
  /** Microsoft 365 answered the last sync. */
  readonly online: () => boolean;
  /** A device-code sign-in is pending: nothing can be sent. */
  readonly signedOut: () => boolean;
  /** In app mode the room organises its own bookings: those are the device's to change. */
  readonly roomOrganizes: boolean;
  /** Something was queued: send it now. */
  readonly kick: () => void;
  /** Something the door shows changed. */
  readonly onChange: () => void;
}

/** What the door derives from: the cache with the unconfirmed door actions laid over it. */
export interface EffectiveRoom {
  readonly state: RoomState;
  readonly events: CalendarEvent[];
  readonly checkIns: CheckIn[];
}

type Refusal = { ok: false; error: { code: string; message: string } };
const refuse = (code: string, message: string): Refusal => ({ ok: false, error: { code, message } });

/**
 * The door's side of walk-up booking, check-in, end early, extend, undo and no-show release:
 * checks a touch against what is offered now, writes it to the outbox before anything is sent,
 * and says honestly where each action stands.
 */
export class DoorService {
  private cancelReleaseTimer: (() => void) | null = null;
  private stopped = false;
  /** Only meetings whose check-in opened while this door was on can be no-shows: nobody could check in on a dark screen. */
  private readonly startedAt: number;

  constructor(private readonly o: DoorServiceOptions) {
    this.startedAt = o.clock.now();
  }

  private couldCheckIn(e: CalendarEvent): boolean {
    return e.start - minutes(this.o.policy().checkIn.opensMinutesBefore) >= this.startedAt;
  }

  private iso = (t: number): string => toIsoInZone(t, this.o.timeZone());

  private pendingChanges(open: readonly OutboxItem[]): PendingChange[] {
    const changes: PendingChange[] = [];
    for (const item of open) {
      if (item.kind === 'book') {
        const b = payloadOf<BookPayload>(item);
        changes.push({ kind: 'book', id: `pending:${item.transactionId}`, subject: b.subject, start: b.start, end: b.end, tentative: b.phase === 'answer' });
      } else if (item.kind === 'end-early' || item.kind === 'extend') {
        const s = payloadOf<SetEndPayload>(item);
        changes.push({ kind: 'set-end', eventId: s.eventId, end: s.end });
      } else if (item.kind === 'release') {
        changes.push({ kind: 'drop', eventId: payloadOf<ReleasePayload>(item).eventId });
      } else if (item.kind === 'undo') {
        const target = this.o.store.outbox.byTransactionId(payloadOf<UndoPayload>(item).target);
        if (target?.kind === 'book' && typeof target.result?.roomEventId === 'string') changes.push({ kind: 'drop', eventId: target.result.roomEventId });
        if (target?.kind === 'end-early' || target?.kind === 'extend') {
          const s = payloadOf<SetEndPayload>(target);
          changes.push({ kind: 'set-end', eventId: s.eventId, end: s.previousEnd });
        }
      }
    }
    return changes;
  }

  effective(now: number): EffectiveRoom {
    const { store } = this.o;
    const open = store.outbox.pending();
    const overlaid = withPending(store.events(now - 2 * DAY_MS, now + 9 * DAY_MS), store.checkIns(), this.pendingChanges(open));
    return { ...overlaid, state: derive(now, overlaid.events, overlaid.checkIns, this.o.policy()) };
  }

  private mayChange(events: readonly CalendarEvent[]): (id: string) => boolean {
    return (id) => {
      if (id.startsWith('pending:')) return false;
      if (this.o.store.deviceBooking(id)) return true;
      return this.o.roomOrganizes && events.find((e) => e.id === id)?.roomResponse === 'organizer';
    };
  }

  private offers(now: number, room: EffectiveRoom): DoorOffers {
    const offers = doorOffers(now, room.state, room.events, this.mayChange(room.events), { walkUp: this.o.booking.walkUp, extendMinutes: this.o.booking.extendMinutes });
    return this.o.booking.enabled ? offers : { ...offers, book: [], tooShort: false };
  }

  private canBookNow(): boolean {
    return this.o.online() || this.o.booking.offlineBooking === 'provisional';
  }

  /** The door's actions and activity for the state hub, and when they next change by themselves. */
  view(now: number, room: EffectiveRoom): { view: DoorView; nextChangeAt: number | null } {
    const offers = this.offers(now, room);
    const bookable = this.canBookNow() && !this.o.signedOut();
    const actions: DoorActionsJson = {
      book: bookable
        ? offers.book.map((b) => ({ kind: b.kind, minutes: Math.round((b.end - b.start) / 60_000), start: this.iso(b.start), end: this.iso(b.end) }))
        : [],
      bookUnavailable: offers.book.length > 0 && !bookable ? (this.o.signedOut() ? 'signed-out' : 'offline') : offers.tooShort && this.o.booking.enabled ? 'too-short' : null,
      askName: this.o.booking.askName,
      checkIn: offers.checkIn ? { eventId: offers.checkIn } : null,
      endEarly: offers.endEarly ? { eventId: offers.endEarly } : null,
      extend: offers.extend ? { eventId: offers.extend.eventId, minutes: [...offers.extend.minutes] } : null,
    };
    const shown = this.o.store.outbox.shownSince(now - FAILED_SHOWN_MS).filter((i) => {
      const until = shownUntil(i);
      return until === null || until > now;
    });
    const undone = new Set(shown.filter((i) => i.kind === 'undo').map((i) => String(i.payload.target)));
    const online = this.o.online();
    const activity = shown.map((item) => activityOf(item, { now, online, iso: this.iso, undoneTargets: undone }));
    let next: number | null = null;
    const consider = (t: number | null): void => {
      if (t !== null && t > now && (next === null || t < next)) next = t;
    };
    for (const item of shown) {
      consider(shownUntil(item));
      consider(item.createdAt + UNDO_MS);
    }
    return { view: { actions, activity }, nextChangeAt: next };
  }

  /** A touch at the door (over HTTP or IPC). Answers at once; the send happens in the background. */
  request(raw: unknown): ApiResult<ActivityJson> {
    const parsed = parseActionRequest(raw);
    if (!parsed.ok) return refuse('BAD_REQUEST', parsed.message);
    const req = parsed.value;
    const { store } = this.o;
    const now = this.o.clock.now();
    const already = store.outbox.byTransactionId(req.transactionId);
    if (already && req.kind !== 'dismiss') return { ok: true, value: this.activity(already, now) };
    const room = this.effective(now);
    const result = this.handle(req, now, room);
    if (result.ok) {
      this.o.kick();
      this.o.onChange();
    }
    return result;
  }

  private handle(req: ActionRequest, now: number, room: EffectiveRoom): ApiResult<ActivityJson> {
    const { store, booking } = this.o;
    const offers = this.offers(now, room);
    const queue = (kind: OutboxKind, payload: Record<string, unknown>): ApiResult<ActivityJson> => ({
      ok: true,
      value: this.activity(store.outbox.enqueue({ transactionId: req.transactionId, kind, payload, now }), now),
    });
    const eventOf = (id: string): CalendarEvent | undefined => room.events.find((e) => e.id === id);
    switch (req.kind) {
      case 'book': {
        const end = Date.parse(req.end);
        const option = offers.book.find((b) => b.end === end);
        if (!option) return refuse('NOT_OFFERED', 'That time is no longer free. Please choose again.');
        if (this.o.signedOut()) return refuse('SIGNED_OUT', 'This display is not signed in to Microsoft 365 yet; book in Outlook for now.');
        if (!this.canBookNow()) return refuse('OFFLINE', 'Booking needs the connection to Microsoft 365, which is down right now. Book in Outlook, or try again in a few minutes.');
        const payload: BookPayload = { start: now, end, subject: walkUpSubject(booking.subject, req.name ?? ''), phase: 'create' };
        return queue('book', { ...payload });
      }
      case 'check-in': {
        if (offers.checkIn !== req.eventId) return refuse('NOT_OFFERED', 'Check-in is not open for this meeting now.');
        store.recordCheckIn(req.eventId, now, 'door');
        return queue('check-in', { eventId: req.eventId, at: now });
      }
      case 'end-early': {
        const event = eventOf(req.eventId);
        if (offers.endEarly !== req.eventId || !event) return refuse('NOT_OFFERED', 'This meeting cannot be ended from the door.');
        const payload: SetEndPayload = { eventId: req.eventId, end: now, previousEnd: event.end };
        return queue('end-early', { ...payload });
      }
      case 'extend': {
        const event = eventOf(req.eventId);
        if (offers.extend?.eventId !== req.eventId || !offers.extend.minutes.includes(req.minutes) || !event) {
          return refuse('NOT_OFFERED', 'The room is not free long enough after this meeting to extend it that much.');
        }
        const payload: SetEndPayload = { eventId: req.eventId, end: event.end + minutes(req.minutes), previousEnd: event.end };
        return queue('extend', { ...payload });
      }
      case 'undo':
        return this.undo(req.target, req.transactionId, now);
      case 'dismiss': {
        const target = store.outbox.byTransactionId(req.target);
        if (!target) return refuse('NOT_FOUND', 'There is nothing with that id to dismiss.');
        store.outbox.dismiss(target.id);
        this.o.onChange();
        return { ok: true, value: this.activity(store.outbox.get(target.id), now) };
      }
    }
  }

  private undo(targetId: string, transactionId: string, now: number): ApiResult<ActivityJson> {
    const { store } = this.o;
    const target = store.outbox.byTransactionId(targetId);
    if (!target || !['book', 'end-early', 'extend'].includes(target.kind)) return refuse('NOT_FOUND', 'There is no booking or change with that id to take back.');
    if (now > target.createdAt + UNDO_MS + UNDO_GRACE_MS) return refuse('TOO_LATE', 'It is too late to undo; end the meeting early instead.');
    if (target.status === 'failed' || target.result?.code === 'undone') return refuse('NOTHING_TO_UNDO', 'That did not happen, so there is nothing to take back.');
    if (target.status === 'pending' && target.attempts === 0) {
      // Never sent: nothing to take back in Microsoft 365.
      store.outbox.markDone(target.id, now, { code: 'undone', message: 'Taken back.' });
      return { ok: true, value: this.activity(store.outbox.get(target.id), now) };
    }
    store.outbox.dismiss(target.id);
    const item = store.outbox.enqueue({ transactionId, kind: 'undo', payload: { target: targetId }, now });
    return { ok: true, value: this.activity(item, now) };
  }

  private activity(item: OutboxItem, now: number): ActivityJson {
    return activityOf(item, { now, online: this.o.online(), iso: this.iso, undoneTargets: new Set() });
  }

  /**
   * Queues the release of every meeting nobody checked in to in time, and arms a timer for the
   * next one. Called after every sync and on its own timer.
   */
  checkReleases(): void {
    const { release, store, clock } = this.o;
    this.cancelReleaseTimer?.();
    this.cancelReleaseTimer = null;
    if (!release.enabled || this.stopped) return;
    const now = clock.now();
    const room = this.effective(now);
    let queued = false;
    for (const e of dueReleases(now, room.events, room.checkIns, release)) {
      if (e.id.startsWith('pending:') || !this.couldCheckIn(e) || store.outbox.byTransactionId(releaseId(e.id))) continue;
      store.outbox.enqueue({ transactionId: releaseId(e.id), kind: 'release', payload: { eventId: e.id, comment: RELEASE_COMMENT(release.afterMinutes), end: e.end }, now });
      this.o.logger.info({ event: 'door.release-queued' }, 'A meeting nobody checked in to is being released');
      queued = true;
    }
    if (queued) {
      this.o.kick();
      this.o.onChange();
    }
    const checkedIn = new Set(room.checkIns.map((c) => c.eventId));
    const upcoming = room.events
      .filter((e) => mayBeReleased(e) && !checkedIn.has(e.id) && this.couldCheckIn(e))
      .map((e) => e.start + minutes(release.afterMinutes))
      .filter((t) => t > now);
    if (upcoming.length > 0) this.cancelReleaseTimer = clock.at(Math.min(...upcoming), () => this.checkReleases());
  }

  /** The occupancy sensor saw someone: that checks in the meeting under way (or about to start). */
  occupied(at: number): void {
    const room = this.effective(at);
    const id = room.state.checkIn?.eventId ?? room.state.current?.id ?? null;
    if (id === null || id.startsWith('pending:')) return;
    this.o.store.recordCheckIn(id, at, 'occupancy');
    this.o.onChange();
  }

  stop(): void {
    this.stopped = true;
    this.cancelReleaseTimer?.();
    this.cancelReleaseTimer = null;
  }
}
