// The simulator's whole in-memory world, and the handles a test uses to change it behind the product's
// back: add/move/delete events, approve device codes, expire tokens, inject faults, read stats.
import { DateTime } from 'luxon';
import { BookingAssistant, roomCopySubject, type Notification } from './booking-assistant.js';
import { CalendarStore, newICalUId, type Attendee, type EmailAddress, type NewEvent, type ResponseType, type Sensitivity, type ShowAs, type StoredEvent } from './calendar-store.js';
import { DeltaSyncStore } from './delta-sync.js';
import { Directory, type Mailbox } from './directory.js';
import type { Faults } from './faults.js';
import { addDays, addWeeks, isRelativeTime, parseIsoWithOffset, resolveRelativeTime } from './graph-time.js';
import type { ResolvedScenario, ScenarioAttendee, ScenarioClient } from './scenario.js';
import { SimulatorStats } from './stats.js';
import { TokenStore } from './token-store.js';
import { ianaZoneFor } from './windows-time-zones.js';

export type TimeInput = string | number | Date;

/** An event to put straight into a mailbox's calendar (as if someone had booked it some other way). */
export interface EventInput {
  /** The calendar that holds it: a room's or user's email (or use `room`). */
  mailbox?: string;
  room?: string;
  subject?: string;
  /** Email, or name and address; defaults to the mailbox itself. */
  organizer?: string | EmailAddress;
  /** ISO with offset, "today 09:00"-style relative time, epoch ms, or a Date. */
  start: TimeInput;
  end: TimeInput;
  /** The event's own zone (Windows or IANA name); defaults to the mailbox's. */
  timeZone?: string;
  showAs?: ShowAs;
  isAllDay?: boolean;
  sensitivity?: Sensitivity;
  isCancelled?: boolean;
  responseStatus?: ResponseType;
  bodyPreview?: string;
  location?: string;
  categories?: string[];
  transactionId?: string;
  attendees?: ScenarioAttendee[];
  recurrence?: { type: 'daily' | 'weekly'; interval?: number; occurrences: number };
  /** Also file the organizer's own copy when the organizer is a mailbox of the scenario (default true). */
  withOrganizerCopy?: boolean;
}

export interface EventChange {
  subject?: string;
  start?: TimeInput;
  end?: TimeInput;
  showAs?: ShowAs;
  isCancelled?: boolean;
  sensitivity?: Sensitivity;
  bodyPreview?: string;
  responseStatus?: ResponseType;
  location?: string;
}

export class SimulatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SimulatorError';
  }
}

export class SimulatorState {
  readonly tenantId: string;
  readonly directory: Directory;
  readonly calendar: CalendarStore;
  readonly tokens = new TokenStore();
  readonly delta = new DeltaSyncStore();
  readonly bookings: BookingAssistant;
  readonly stats = new SimulatorStats();
  /** Booking answers, declines and cancellations Exchange would have mailed, oldest first. */
  readonly notifications: Notification[] = [];
  /** Mutable: assign or edit fields at any time; takes effect on the next request. */
  faults: Faults;
  /** Added to the clock for the Date header and all server-side times. */
  clockOffsetMs: number;
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeDays: number;
  deviceCodeLifetimeSeconds: number;

  constructor(
    readonly scenario: ResolvedScenario,
    private readonly clock: () => number,
  ) {
    this.tenantId = scenario.tenantId;
    this.faults = structuredClone(scenario.faults);
    this.clockOffsetMs = scenario.clockOffsetMs;
    this.accessTokenLifetimeSeconds = scenario.accessTokenLifetimeSeconds;
    this.refreshTokenLifetimeDays = scenario.refreshTokenLifetimeDays;
    this.deviceCodeLifetimeSeconds = scenario.deviceCodeLifetimeSeconds;
    this.directory = new Directory(scenario);
    this.calendar = new CalendarStore(() => this.now());
    this.bookings = new BookingAssistant({
      store: this.calendar,
      directory: this.directory,
      now: () => this.now(),
      notify: (n) => this.notifications.push(n),
    });
    for (const e of scenario.events) this.addEvent({ ...e, mailbox: e.room });
  }

  /** The simulator's "now": the injected clock plus the scenario's clock offset. */
  now(): number {
    return this.clock() + this.clockOffsetMs;
  }

  client(clientId: string): ScenarioClient | undefined {
    return this.scenario.clients.find((c) => c.clientId.toLowerCase() === clientId.toLowerCase());
  }

  mailbox(ref: string): Mailbox {
    const m = this.directory.find(ref);
    if (!m) throw new SimulatorError('UNKNOWN_MAILBOX', `"${ref}" is not a user or room of the scenario`);
    return m;
  }

  private instant(value: TimeInput, ianaZone: string, what: string): number {
    if (value instanceof Date) return value.getTime();
    if (typeof value === 'number') return value;
    if (isRelativeTime(value)) return resolveRelativeTime(value, this.now(), ianaZone) as number;
    const withOffset = parseIsoWithOffset(value);
    if (withOffset !== undefined) return withOffset;
    // No offset: a wall time in the event's zone, the way Graph reads dateTimeTimeZone.
    const local = DateTime.fromISO(value, { zone: ianaZone });
    if (!local.isValid) throw new SimulatorError('BAD_TIME', `${what} "${value}" is not a time`);
    return local.toMillis();
  }

  private emailAddress(value: string | EmailAddress): EmailAddress {
    if (typeof value !== 'string') return { ...value };
    const m = this.directory.find(value);
    return { name: m?.displayName ?? this.directory.nameFor(value), address: m?.email ?? value };
  }

  private attendees(input: EventInput, owner: Mailbox, organizer: EmailAddress, createdAt: number): Attendee[] {
    const list: Attendee[] = (input.attendees ?? []).map((a) => {
      const spec = typeof a === 'string' ? { address: a } : a;
      const m = this.directory.find(spec.address);
      const type = 'type' in spec && spec.type ? spec.type : m?.kind === 'room' ? 'resource' : 'required';
      const response = 'response' in spec && spec.response ? spec.response : 'none';
      return {
        type,
        emailAddress: { name: ('name' in spec && spec.name) || (m?.displayName ?? this.directory.nameFor(spec.address)), address: m?.email ?? spec.address },
        response,
        ...(response === 'none' ? {} : { responseTime: createdAt }),
      };
    });
    const ownerOrganizes = organizer.address.toLowerCase() === owner.key;
    if (owner.kind === 'room' && !ownerOrganizes && !list.some((a) => a.emailAddress.address.toLowerCase() === owner.key)) {
      list.push({ type: 'resource', emailAddress: { name: owner.displayName, address: owner.email }, response: 'accepted', responseTime: createdAt });
    }
    return list;
  }

  /** Files an event directly in a calendar; returns the stored copy (the series master for a recurrence). */
  addEvent(input: EventInput): StoredEvent {
    const owner = this.mailbox(input.mailbox ?? input.room ?? '');
    const timeZone = input.timeZone ?? owner.timeZone;
    const iana = ianaZoneFor(timeZone);
    if (!iana) throw new SimulatorError('BAD_TIME_ZONE', `"${timeZone}" is not a known time zone`);
    const startMs = this.instant(input.start, iana, 'start');
    const endMs = this.instant(input.end, iana, 'end');
    if (endMs < startMs) throw new SimulatorError('BAD_TIME', 'end is before start');
    const organizer = this.emailAddress(input.organizer ?? owner.email);
    const isOrganizer = organizer.address.toLowerCase() === owner.key;
    const response = input.responseStatus ?? (isOrganizer ? 'organizer' : 'accepted');
    const now = this.now();
    const fields: NewEvent = {
      mailbox: owner.key,
      iCalUId: newICalUId(),
      subject: input.subject ?? '',
      bodyPreview: input.bodyPreview ?? '',
      bodyContentType: 'text',
      bodyContent: input.bodyPreview ?? '',
      startMs,
      endMs,
      timeZone,
      isAllDay: input.isAllDay ?? false,
      isCancelled: input.isCancelled ?? false,
      showAs: input.showAs ?? (response === 'tentativelyAccepted' || response === 'notResponded' ? 'tentative' : 'busy'),
      sensitivity: input.sensitivity ?? 'normal',
      type: input.recurrence ? 'seriesMaster' : 'singleInstance',
      organizer,
      isOrganizer,
      attendees: this.attendees(input, owner, organizer, now),
      response,
      ...(response === 'organizer' || response === 'none' ? {} : { responseTime: now }),
      ...(input.transactionId ? { transactionId: input.transactionId } : {}),
      location: input.location ?? (owner.kind === 'room' ? owner.displayName : ''),
      ...(owner.kind === 'room' ? { locationUri: owner.email } : {}),
      categories: input.categories ?? [],
      importance: 'normal',
    };
    // A room's copy of someone else's meeting is stored the way its calendar processing rewrote it.
    const settings = owner.kind === 'room' && !isOrganizer ? owner.bookingAssistant : undefined;
    const stored: NewEvent = settings
      ? {
          ...fields,
          subject: roomCopySubject(settings, organizer.name, fields.subject),
          bodyPreview: settings.deleteComments ? '' : fields.bodyPreview,
          bodyContent: settings.deleteComments ? '' : fields.bodyContent,
          sensitivity: settings.removePrivateProperty ? 'normal' : fields.sensitivity,
        }
      : fields;
    if (!input.recurrence) {
      const event = this.calendar.insert(stored);
      if (input.withOrganizerCopy !== false && !isOrganizer) this.fileOrganizerCopy(fields);
      return event;
    }
    const rule = { type: input.recurrence.type, interval: input.recurrence.interval ?? 1, occurrences: input.recurrence.occurrences };
    const master = this.calendar.insert({ ...stored, recurrence: rule });
    for (let i = 0; i < rule.occurrences; i++) {
      const step = i * rule.interval;
      const shift = (ms: number): number => (rule.type === 'daily' ? addDays(ms, step, iana) : addWeeks(ms, step, iana));
      this.calendar.insert({ ...stored, iCalUId: newICalUId(), type: 'occurrence', seriesMasterId: master.id, startMs: shift(startMs), endMs: shift(endMs) });
    }
    return master;
  }

  /** A meeting in a room's calendar organised by a scenario mailbox also lives in the organizer's calendar. */
  private fileOrganizerCopy(original: NewEvent): void {
    const organizer = this.directory.find(original.organizer.address);
    if (!organizer?.hasMailbox) return;
    this.calendar.insert({
      ...structuredClone(original),
      mailbox: organizer.key,
      isOrganizer: true,
      response: 'organizer',
      responseTime: undefined,
      locationUri: undefined,
    });
  }

  getEvent(id: string): StoredEvent | undefined {
    return this.calendar.get(id);
  }

  /** Every item in a mailbox's calendar (series masters included), in start order. */
  eventsOf(mailbox: string): StoredEvent[] {
    return this.calendar.eventsOf(this.mailbox(mailbox).key).sort((a, b) => a.startMs - b.startMs);
  }

  /** The copy of a meeting in a given mailbox, by the iCalUId all copies share. */
  copyIn(mailbox: string, iCalUId: string): StoredEvent | undefined {
    const key = this.mailbox(mailbox).key;
    return this.calendar.copiesOf(iCalUId).find((e) => e.mailbox === key);
  }

  /** Changes one mailbox's copy only (as if Exchange or another client edited it); bumps its changeKey. */
  updateEvent(id: string, change: EventChange): StoredEvent {
    const event = this.calendar.get(id);
    if (!event) throw new SimulatorError('UNKNOWN_EVENT', `no event "${id}"`);
    const iana = ianaZoneFor(event.timeZone) ?? 'UTC';
    const startMs = change.start === undefined ? event.startMs : this.instant(change.start, iana, 'start');
    const endMs = change.end === undefined ? event.endMs : this.instant(change.end, iana, 'end');
    return this.calendar.update(id, (e) => {
      e.startMs = startMs;
      e.endMs = endMs;
      if (change.subject !== undefined) e.subject = change.subject;
      if (change.showAs !== undefined) e.showAs = change.showAs;
      if (change.isCancelled !== undefined) e.isCancelled = change.isCancelled;
      if (change.sensitivity !== undefined) e.sensitivity = change.sensitivity;
      if (change.bodyPreview !== undefined) e.bodyPreview = e.bodyContent = change.bodyPreview;
      if (change.responseStatus !== undefined) e.response = change.responseStatus;
      if (change.location !== undefined) e.location = change.location;
      if (e.type === 'occurrence' && (change.start !== undefined || change.end !== undefined)) e.type = 'exception';
    }) as StoredEvent;
  }

  moveEvent(id: string, start: TimeInput, end: TimeInput): StoredEvent {
    return this.updateEvent(id, { start, end });
  }

  /** Removes one copy (a series master takes its occurrences with it). */
  deleteEvent(id: string): void {
    const event = this.calendar.remove(id);
    if (!event) throw new SimulatorError('UNKNOWN_EVENT', `no event "${id}"`);
    for (const occurrence of this.calendar.occurrencesOf(id)) this.calendar.remove(occurrence.id);
  }

  /** The user signs in at the verification page and approves the device code. */
  approveDeviceCode(userCode: string, options: { username: string }): void {
    const record = this.tokens.findByUserCode(userCode);
    if (!record) throw new SimulatorError('UNKNOWN_USER_CODE', `no device code with user code "${userCode}"`);
    const user = this.mailbox(options.username);
    if (user.kind !== 'user') throw new SimulatorError('NOT_A_USER', `"${options.username}" is a room, not a user who can sign in`);
    if (record.status !== 'pending') throw new SimulatorError('NOT_PENDING', `user code "${userCode}" is ${record.status}`);
    record.status = 'approved';
    record.userKey = user.key;
  }

  declineDeviceCode(userCode: string): void {
    const record = this.tokens.findByUserCode(userCode);
    if (!record) throw new SimulatorError('UNKNOWN_USER_CODE', `no device code with user code "${userCode}"`);
    record.status = 'declined';
  }

  /** Every access token issued so far stops working (Graph answers 401); returns how many were live. */
  expireAccessTokens(): number {
    return this.tokens.revokeAccessTokens();
  }

  /** Every refresh token stops working (invalid_grant): the user must sign in again. */
  revokeRefreshTokens(): number {
    return this.tokens.revokeRefreshTokens();
  }

  /** Forget all delta sync state: the next deltaLink or nextLink answers 410 (or 400 resyncRequired). */
  invalidateDeltaTokens(): void {
    this.delta.clear();
  }

  /** Let every room answer its waiting booking requests now. */
  processPendingBookings(): void {
    this.bookings.processPending();
  }

  close(): void {
    this.bookings.close();
  }
}
