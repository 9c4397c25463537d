import { blocksRoom, type CalendarEvent, type Person } from '../domain/event.js';
import { GraphFailure } from '../calendar/graph/graph-failure.js';
import type { OutboxItem } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import {
  done,
  failed,
  payloadOf,
  type ActionExecutor,
  type BookPayload,
  type CheckInPayload,
  type ReleasePayload,
  type SetEndPayload,
  type StepContext,
  type StepResult,
  type UndoPayload,
} from './action-types.js';
import type { CalendarPort } from '../calendar/calendar-port.js';

export interface DoorExecutorOptions {
  readonly port: CalendarPort;
  readonly store: Store;
  readonly mode: 'room' | 'invite';
  /** The room as organizer of its own bookings. */
  readonly room: () => Person;
}

export const TAKEN_MESSAGE = 'Someone booked the room for this time a moment ago; the door shows the calendar as it is now.';

/** How long to wait before asking the room for its answer again: 1 s, 2 s, … up to 5 s. */
function answerPollMs(attempts: number): number {
  return Math.min(5_000, 1_000 * Math.max(1, attempts));
}

/**
 * The rules of each door action, over a calendar port: check the slot before booking, book as the
 * room or invite it, wait for the room's answer, undo, release. Every confirmed change is written to
 * the cache at once so the door shows it before the next sync.
 */
export class DoorExecutor implements ActionExecutor {
  readonly mode: 'room' | 'invite';

  constructor(private readonly o: DoorExecutorOptions) {
    this.mode = o.mode;
  }

  execute(item: OutboxItem, ctx: StepContext): Promise<StepResult> {
    switch (item.kind) {
      case 'book':
        return this.book(item, ctx);
      case 'check-in':
        return this.checkIn(item);
      case 'end-early':
      case 'extend':
        return this.setEnd(item, ctx);
      case 'release':
        return this.release(item, ctx);
      case 'undo':
        return this.undo(item, ctx);
    }
  }

  /** Events other than `except` that take the room somewhere in [start, end). */
  private async others(start: number, end: number, except: (e: { event: CalendarEvent; iCalUId: string }) => boolean): Promise<CalendarEvent[]> {
    const slot = await this.o.port.slot(start, end);
    return slot.filter((s) => !except(s) && blocksRoom(s.event) && s.event.start < end && s.event.end > start).map((s) => s.event);
  }

  private async book(item: OutboxItem, ctx: StepContext): Promise<StepResult> {
    const p = payloadOf<BookPayload>(item);
    const { port } = this.o;
    const booking = { transactionId: item.transactionId, subject: p.subject, start: p.start, end: p.end };
    if (p.phase === 'create') {
      if (ctx.firstSend && (await this.others(p.start, p.end, () => false)).length > 0) return failed('taken', TAKEN_MESSAGE);
      if (this.mode === 'invite') {
        const ownerEventId = await port.inviteRoom(booking);
        return { kind: 'again', at: ctx.now + answerPollMs(1), payload: { ...p, phase: 'answer', ownerEventId } };
      }
      // Same transactionId on a resend: Graph returns the first event instead of making a second.
      const id = await port.createAsRoom(booking);
      // Someone may have taken the slot between our check and our write: the earlier booking wins.
      if ((await this.others(p.start, p.end, (s) => s.event.id === id)).length > 0) {
        await port.cancelOwn(id, 'Booked elsewhere at the same moment.');
        return failed('taken', TAKEN_MESSAGE);
      }
      this.confirm({ roomEventId: id, owner: 'room', ownerEventId: id, item, p, organizer: this.o.room(), now: ctx.now });
      return done('booked', 'The room is booked.', { roomEventId: id });
    }
    const ownerEventId = p.ownerEventId ?? '';
    const answer = await port.roomAnswer(ownerEventId);
    if (answer === 'pending') {
      if (ctx.now >= p.end) {
        await port.cancelMine(ownerEventId, 'The room did not answer in time.');
        return failed('no-answer', 'The room did not answer in time; nothing was booked.');
      }
      return { kind: 'again', at: ctx.now + answerPollMs(item.attempts), payload: { ...p } };
    }
    if (answer === 'declined') {
      const conflict = (await this.others(p.start, p.end, () => false)).length > 0;
      // The declined invitation would sit in the booking account's calendar forever otherwise.
      await port.cancelMine(ownerEventId, 'Declined by the room.').catch(() => undefined);
      return conflict
        ? failed('declined-conflict', 'The room declined: it is already booked for part of this time.')
        : failed('declined', 'The room declined this booking (outside its booking hours, too long, or too far ahead). Book in Outlook or ask facilities.');
    }
    const iCalUId = await port.myICalUId(ownerEventId);
    const copy = (await port.slot(p.start, p.end)).find((s) => s.iCalUId !== '' && s.iCalUId === iCalUId);
    // Accepted, but the room's copy is not readable yet: look again shortly.
    if (!copy) return { kind: 'again', at: ctx.now + answerPollMs(item.attempts), payload: { ...p } };
    this.confirm({ roomEventId: copy.event.id, owner: 'me', ownerEventId, item, p, organizer: copy.event.organizer, now: ctx.now });
    return done('booked', 'The room accepted the booking.', { roomEventId: copy.event.id });
  }

  private confirm(c: { roomEventId: string; owner: 'room' | 'me'; ownerEventId: string; item: OutboxItem; p: BookPayload; organizer: Person | null; now: number }): void {
    const { store } = this.o;
    store.db.transaction(() => {
      store.putEvent({
        id: c.roomEventId,
        subject: c.p.subject,
        organizer: c.organizer,
        start: c.p.start,
        end: c.p.end,
        isAllDay: false,
        showAs: 'busy',
        isCancelled: false,
        roomResponse: c.owner === 'room' ? 'organizer' : 'accepted',
        sensitivity: 'normal',
      });
      store.addDeviceBooking({ roomEventId: c.roomEventId, owner: c.owner, ownerEventId: c.ownerEventId, transactionId: c.item.transactionId });
      // The person who booked at the door is standing in the room: that is a check-in.
      store.recordCheckIn(c.roomEventId, c.now, 'walk-up');
    }).immediate();
  }

  /** The check-in itself is already in SQLite; this mirrors it on the event where the mailbox allows. */
  private async checkIn(item: OutboxItem): Promise<StepResult> {
    const p = payloadOf<CheckInPayload>(item);
    try {
      await this.o.port.markCheckedIn(p.eventId, p.at);
    } catch (err) {
      // Not permitted (or the mailbox keeps the item read-only): the check-in on this device stands.
      if (err instanceof GraphFailure && ['scoped-out', 'consent-missing', 'not-found', 'bad-request'].includes(err.failure.kind)) {
        return done('checked-in', 'Checked in.', { mirrored: false });
      }
      throw err;
    }
    return done('checked-in', 'Checked in.');
  }

  private owner(eventId: string): { owner: 'room' | 'me'; id: string } {
    const b = this.o.store.deviceBooking(eventId);
    return b ? { owner: b.owner, id: b.ownerEventId } : { owner: 'room', id: eventId };
  }

  private async setEnd(item: OutboxItem, ctx: StepContext): Promise<StepResult> {
    const p = payloadOf<SetEndPayload>(item);
    if (item.kind === 'extend' && ctx.firstSend && (await this.others(p.previousEnd, p.end, (s) => s.event.id === p.eventId)).length > 0) {
      return failed('taken', 'The room is booked right after this meeting, so it cannot be extended.');
    }
    const { owner, id } = this.owner(p.eventId);
    await this.o.port.setEnd(id, p.end, owner);
    this.o.store.setEventEnd(p.eventId, p.end);
    return item.kind === 'extend' ? done('extended', 'The meeting is extended.') : done('ended', 'The meeting is ended; the room is free.');
  }

  private async release(item: OutboxItem, ctx: StepContext): Promise<StepResult> {
    const p = payloadOf<ReleasePayload>(item);
    const { store, port } = this.o;
    if (ctx.now >= p.end) return done('ended', 'The meeting was over before it could be released.');
    const booked = store.deviceBooking(p.eventId);
    // The room cannot decline what it organised itself (another display's booking, or one from before a reset).
    const own = booked ?? (store.event(p.eventId)?.roomResponse === 'organizer' ? { ownerEventId: p.eventId, owner: 'room' as const } : null);
    if (own) {
      // Its own booking: shorten it to now, so the calendar still says it was booked.
      await port.setEnd(own.ownerEventId, ctx.now, own.owner);
      store.setEventEnd(p.eventId, ctx.now);
    } else {
      await port.decline(p.eventId, p.comment);
      store.dropEvent(p.eventId);
    }
    return done('released', 'Nobody checked in, so the room was released.');
  }

  private async undo(item: OutboxItem, ctx: StepContext): Promise<StepResult> {
    const { store, port } = this.o;
    const target = store.outbox.byTransactionId(payloadOf<UndoPayload>(item).target);
    if (!target || target.status === 'failed') return done('undone', 'Nothing to take back.');
    const again: StepResult = { kind: 'again', at: ctx.now + 1_000, payload: { ...item.payload } };
    if (target.kind === 'book') {
      const p = payloadOf<BookPayload>(target);
      if (target.status !== 'done') {
        // Still waiting for the room's answer: withdraw the invitation.
        if (p.phase !== 'answer' || !p.ownerEventId) return again;
        await port.cancelMine(p.ownerEventId, 'Taken back at the door.');
        store.outbox.markDone(target.id, ctx.now, { code: 'undone', message: 'The booking was taken back.' });
        return done('undone', 'The booking was taken back.');
      }
      const roomEventId = typeof target.result?.roomEventId === 'string' ? target.result.roomEventId : '';
      const booking = store.deviceBooking(roomEventId);
      if (booking?.owner === 'me') await port.cancelMine(booking.ownerEventId, 'Taken back at the door.');
      else if (roomEventId) await port.cancelOwn(roomEventId, 'Taken back at the door.');
      store.dropEvent(roomEventId);
      return done('undone', 'The booking was taken back.');
    }
    if (target.kind === 'end-early' || target.kind === 'extend') {
      if (target.status !== 'done') return again;
      const p = payloadOf<SetEndPayload>(target);
      const from = Math.min(p.end, p.previousEnd);
      const to = Math.max(p.end, p.previousEnd);
      if (target.kind === 'end-early' && (await this.others(from, to, (s) => s.event.id === p.eventId)).length > 0) {
        return failed('taken', 'The room was booked meanwhile, so the meeting cannot be restored.');
      }
      const { owner, id } = this.owner(p.eventId);
      await port.setEnd(id, p.previousEnd, owner);
      store.setEventEnd(p.eventId, p.previousEnd);
      return done('undone', 'Taken back.');
    }
    return done('undone', 'Nothing to take back.');
  }
}
