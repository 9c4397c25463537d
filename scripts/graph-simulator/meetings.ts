// What Exchange does when a client creates, changes, cancels or answers a meeting through Graph,
// including telling the invited rooms (whose booking assistants answer later).
import type { Attendee, AttendeeType, Sensitivity, ShowAs, StoredEvent } from './calendar-store.js';
import { newICalUId } from './calendar-store.js';
import type { Mailbox } from './directory.js';
import { localClock, parseDateTimeTimeZone } from './graph-time.js';
import type { SimulatorState } from './simulator-state.js';
import { ianaZoneFor } from './windows-time-zones.js';

export interface MeetingError {
  ok: false;
  status: number;
  code: string;
  message: string;
}

export type MeetingResult = { ok: true; event: StoredEvent; existing?: boolean } | MeetingError;

function fail(status: number, code: string, message: string): MeetingError {
  return { ok: false, status, code, message };
}

// Properties a client may send that the simulator stores or deliberately ignores; anything else is
// rejected the way Graph's OData layer rejects it, so typos in product code show up in tests.
const STORED = new Set([
  'subject', 'body', 'start', 'end', 'location', 'attendees', 'isAllDay', 'showAs', 'sensitivity', 'importance',
  'categories', 'transactionId', 'singleValueExtendedProperties',
]);
const ACCEPTED_AND_IGNORED = new Set([
  '@odata.type', 'isOnlineMeeting', 'onlineMeetingProvider', 'responseRequested', 'allowNewTimeProposals', 'isReminderSet',
  'reminderMinutesBeforeStart', 'hideAttendees', 'originalStartTimeZone', 'originalEndTimeZone', 'locations', 'organizer',
  // Read-only properties that Graph ignores when a client echoes a fetched event back.
  'id', '@odata.etag', '@odata.context', 'iCalUId', 'uid', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'webLink', 'type',
  'seriesMasterId', 'isOrganizer', 'bodyPreview', 'responseStatus', 'isCancelled', 'isDraft', 'hasAttachments', 'onlineMeeting',
  'onlineMeetingUrl',
]);

const SHOW_AS: readonly ShowAs[] = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'];
const SENSITIVITY: readonly Sensitivity[] = ['normal', 'personal', 'private', 'confidential'];
const IMPORTANCE = ['low', 'normal', 'high'] as const;
const ATTENDEE_TYPES: readonly AttendeeType[] = ['required', 'optional', 'resource'];

interface ParsedChanges {
  subject?: string;
  bodyContentType?: 'text' | 'html';
  bodyContent?: string;
  startMs?: number;
  endMs?: number;
  timeZone?: string;
  location?: string;
  attendees?: Attendee[];
  isAllDay?: boolean;
  showAs?: ShowAs;
  sensitivity?: Sensitivity;
  importance?: 'low' | 'normal' | 'high';
  categories?: string[];
  transactionId?: string;
  extendedProperties?: Record<string, string>;
}

function preview(content: string, contentType: 'text' | 'html'): string {
  const text = contentType === 'html' ? content.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ') : content;
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

function parseTime(value: unknown, name: 'start' | 'end'): { ms: number; timeZone: string } | MeetingError {
  const zone = (value as { timeZone?: unknown } | null)?.timeZone;
  if (typeof zone === 'string' && zone.trim() !== '' && !ianaZoneFor(zone)) {
    return fail(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zone}'.`);
  }
  const parsed = parseDateTimeTimeZone(value);
  return parsed ?? fail(400, 'ErrorInvalidRequest', `The value of '${name}' is not a valid dateTimeTimeZone ({"dateTime":"2026-11-23T09:00:00","timeZone":"UTC"}).`);
}

function parseAttendees(state: SimulatorState, value: unknown): Attendee[] | MeetingError {
  if (!Array.isArray(value)) return fail(400, 'RequestBodyRead', "The property 'attendees' must be a collection.");
  const out: Attendee[] = [];
  for (const item of value as unknown[]) {
    const address = (item as { emailAddress?: { address?: unknown } } | null)?.emailAddress?.address;
    if (typeof address !== 'string' || !address.includes('@')) {
      return fail(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid: every attendee needs emailAddress.address.');
    }
    const rawType = (item as { type?: unknown }).type;
    const type = typeof rawType === 'string' && (ATTENDEE_TYPES as readonly string[]).includes(rawType) ? (rawType as AttendeeType) : 'required';
    const name = (item as { emailAddress: { name?: unknown } }).emailAddress.name;
    const known = state.directory.find(address);
    out.push({
      type,
      emailAddress: { name: typeof name === 'string' && name !== '' ? name : (known?.displayName ?? state.directory.nameFor(address)), address: known?.email ?? address },
      response: 'none',
    });
  }
  return out;
}

function parseChanges(state: SimulatorState, body: Record<string, unknown>): ParsedChanges | MeetingError {
  for (const key of Object.keys(body)) {
    if (!STORED.has(key) && !ACCEPTED_AND_IGNORED.has(key) && !key.includes('@odata.')) {
      return fail(
        400,
        'RequestBodyRead',
        `The property '${key}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
  }
  if (body.recurrence !== undefined && body.recurrence !== null) {
    return fail(501, 'NotImplemented', 'The Graph simulator does not create recurring events through the API; put them in the scenario.');
  }
  const out: ParsedChanges = {};
  if (body.subject !== undefined) {
    if (typeof body.subject !== 'string') return fail(400, 'RequestBodyRead', "The property 'subject' must be a string.");
    out.subject = body.subject;
  }
  if (body.body !== undefined) {
    const b = body.body as { contentType?: unknown; content?: unknown } | null;
    const contentType = typeof b?.contentType === 'string' && b.contentType.toLowerCase() === 'html' ? 'html' : 'text';
    out.bodyContentType = contentType;
    out.bodyContent = typeof b?.content === 'string' ? b.content : '';
  }
  for (const name of ['start', 'end'] as const) {
    if (body[name] === undefined) continue;
    const parsed = parseTime(body[name], name);
    if ('ok' in parsed) return parsed;
    if (name === 'start') {
      out.startMs = parsed.ms;
      out.timeZone = parsed.timeZone;
    } else {
      out.endMs = parsed.ms;
    }
  }
  if (body.location !== undefined) {
    const display = (body.location as { displayName?: unknown } | null)?.displayName;
    out.location = typeof display === 'string' ? display : '';
  }
  if (body.attendees !== undefined) {
    const attendees = parseAttendees(state, body.attendees);
    if (!Array.isArray(attendees)) return attendees;
    out.attendees = attendees;
  }
  if (body.isAllDay !== undefined) out.isAllDay = body.isAllDay === true;
  if (body.showAs !== undefined) {
    if (!SHOW_AS.includes(body.showAs as ShowAs)) return fail(400, 'RequestBodyRead', `'${String(body.showAs)}' is not a valid value for 'showAs'.`);
    out.showAs = body.showAs as ShowAs;
  }
  if (body.sensitivity !== undefined) {
    if (!SENSITIVITY.includes(body.sensitivity as Sensitivity)) return fail(400, 'RequestBodyRead', `'${String(body.sensitivity)}' is not a valid value for 'sensitivity'.`);
    out.sensitivity = body.sensitivity as Sensitivity;
  }
  if (body.importance !== undefined) {
    if (!(IMPORTANCE as readonly unknown[]).includes(body.importance)) return fail(400, 'RequestBodyRead', `'${String(body.importance)}' is not a valid value for 'importance'.`);
    out.importance = body.importance as (typeof IMPORTANCE)[number];
  }
  if (body.categories !== undefined) {
    if (!Array.isArray(body.categories) || !body.categories.every((c) => typeof c === 'string')) {
      return fail(400, 'RequestBodyRead', "The property 'categories' must be a collection of strings.");
    }
    out.categories = body.categories as string[];
  }
  if (body.transactionId !== undefined && body.transactionId !== null) {
    if (typeof body.transactionId !== 'string') return fail(400, 'RequestBodyRead', "The property 'transactionId' must be a string.");
    out.transactionId = body.transactionId;
  }
  if (body.singleValueExtendedProperties !== undefined) {
    const list = body.singleValueExtendedProperties;
    if (!Array.isArray(list)) return fail(400, 'RequestBodyRead', "The property 'singleValueExtendedProperties' must be a collection.");
    out.extendedProperties = {};
    for (const p of list as unknown[]) {
      const { id, value } = (p ?? {}) as { id?: unknown; value?: unknown };
      if (typeof id !== 'string' || typeof value !== 'string') {
        return fail(400, 'ErrorInvalidExtendedPropertyValue', 'Each single-value extended property needs a string id and a string value.');
      }
      out.extendedProperties[id] = value;
    }
  }
  return out;
}

function checkTimes(startMs: number, endMs: number, isAllDay: boolean, timeZone: string): MeetingError | undefined {
  if (endMs < startMs) return fail(400, 'ErrorCalendarEndDateIsEarlierThanStartDate', 'The end date occurs before the start date.');
  if (isAllDay) {
    const zone = ianaZoneFor(timeZone) ?? 'UTC';
    if (localClock(startMs, zone).minutes !== 0 || localClock(endMs, zone).minutes !== 0 || endMs === startMs) {
      return fail(400, 'ErrorPropertyValidationFailure', 'An all-day event must start and end at midnight and last at least one day.');
    }
  }
  return undefined;
}

/** POST /users/{owner}/events: the owner organises it. A repeated transactionId returns the first event. */
export function createEvent(state: SimulatorState, owner: Mailbox, body: Record<string, unknown>): MeetingResult {
  const changes = parseChanges(state, body);
  if ('ok' in changes) return changes;
  if (changes.transactionId) {
    const existing = state.calendar.findByTransactionId(owner.key, changes.transactionId);
    if (existing) return { ok: true, event: existing, existing: true };
  }
  if (changes.startMs === undefined || changes.endMs === undefined) {
    return fail(400, 'ErrorInvalidRequest', "Your request can't be completed. An event needs both 'start' and 'end'.");
  }
  const timeZone = changes.timeZone ?? 'UTC';
  const isAllDay = changes.isAllDay ?? false;
  const timeProblem = checkTimes(changes.startMs, changes.endMs, isAllDay, timeZone);
  if (timeProblem) return timeProblem;
  const contentType = changes.bodyContentType ?? 'text';
  const content = changes.bodyContent ?? '';
  const event = state.calendar.insert({
    mailbox: owner.key,
    iCalUId: newICalUId(),
    subject: changes.subject ?? '',
    bodyPreview: preview(content, contentType),
    bodyContentType: contentType,
    bodyContent: content,
    startMs: changes.startMs,
    endMs: changes.endMs,
    timeZone,
    isAllDay,
    isCancelled: false,
    showAs: changes.showAs ?? 'busy',
    sensitivity: changes.sensitivity ?? 'normal',
    type: 'singleInstance',
    organizer: { name: owner.displayName, address: owner.email },
    isOrganizer: true,
    attendees: changes.attendees ?? [],
    response: 'organizer',
    ...(changes.transactionId ? { transactionId: changes.transactionId } : {}),
    location: changes.location ?? '',
    ...(owner.kind === 'room' ? { locationUri: owner.email } : {}),
    categories: changes.categories ?? [],
    importance: changes.importance ?? 'normal',
    ...(changes.extendedProperties ? { extendedProperties: changes.extendedProperties } : {}),
  });
  state.bookings.deliverMeeting(event);
  return { ok: true, event };
}

/** PATCH: the organizer's change reaches the invited rooms, which answer it again. */
export function updateEvent(state: SimulatorState, event: StoredEvent, body: Record<string, unknown>): MeetingResult {
  const changes = parseChanges(state, body);
  if ('ok' in changes) return changes;
  const startMs = changes.startMs ?? event.startMs;
  const endMs = changes.endMs ?? event.endMs;
  const timeProblem = checkTimes(startMs, endMs, changes.isAllDay ?? event.isAllDay, changes.timeZone ?? event.timeZone);
  if (timeProblem) return timeProblem;
  const previouslyInvited = event.attendees.map((a) => a.emailAddress.address);
  const timesChanged = startMs !== event.startMs || endMs !== event.endMs;
  const updated = state.calendar.update(event.id, (e) => {
    e.startMs = startMs;
    e.endMs = endMs;
    if (changes.timeZone !== undefined) e.timeZone = changes.timeZone;
    if (changes.subject !== undefined) e.subject = changes.subject;
    if (changes.bodyContent !== undefined) {
      e.bodyContent = changes.bodyContent;
      e.bodyContentType = changes.bodyContentType ?? 'text';
      e.bodyPreview = preview(e.bodyContent, e.bodyContentType);
    }
    if (changes.location !== undefined) e.location = changes.location;
    if (changes.attendees !== undefined) {
      // Keep the answers of attendees who stay invited, as Exchange does when the list is edited.
      const before = new Map(e.attendees.map((a) => [a.emailAddress.address.toLowerCase(), a]));
      e.attendees = changes.attendees.map((a) => {
        const kept = before.get(a.emailAddress.address.toLowerCase());
        return kept && !timesChanged ? { ...a, response: kept.response, ...(kept.responseTime !== undefined ? { responseTime: kept.responseTime } : {}) } : a;
      });
    }
    if (changes.isAllDay !== undefined) e.isAllDay = changes.isAllDay;
    if (changes.showAs !== undefined) e.showAs = changes.showAs;
    if (changes.sensitivity !== undefined) e.sensitivity = changes.sensitivity;
    if (changes.importance !== undefined) e.importance = changes.importance;
    if (changes.categories !== undefined) e.categories = changes.categories;
    if (changes.extendedProperties !== undefined) e.extendedProperties = { ...e.extendedProperties, ...changes.extendedProperties };
    if (e.type === 'occurrence' && timesChanged) e.type = 'exception';
  }) as StoredEvent;
  if (updated.isOrganizer) state.bookings.deliverMeeting(updated, previouslyInvited);
  return { ok: true, event: updated };
}

function removeWithOccurrences(state: SimulatorState, event: StoredEvent): void {
  state.calendar.remove(event.id);
  for (const occurrence of state.calendar.occurrencesOf(event.id)) state.calendar.remove(occurrence.id);
}

function notifyCancellation(state: SimulatorState, event: StoredEvent, comment?: string): void {
  if (event.attendees.length === 0) return;
  state.notifications.push({
    at: state.now(),
    kind: 'cancelled',
    from: event.organizer.address,
    to: event.attendees.map((a) => a.emailAddress.address),
    subject: event.subject,
    iCalUId: event.iCalUId,
    ...(comment ? { comment } : {}),
  });
}

/** DELETE: an organizer deleting a meeting cancels it for everyone; an attendee only drops their copy. */
export function deleteEvent(state: SimulatorState, event: StoredEvent): void {
  if (event.isOrganizer) {
    state.bookings.deliverCancellation(event);
    notifyCancellation(state, event);
  }
  removeWithOccurrences(state, event);
}

/** POST .../cancel: organizer only; the meeting leaves every calendar. */
export function cancelEvent(state: SimulatorState, event: StoredEvent, comment: string | undefined): MeetingError | undefined {
  if (!event.isOrganizer) {
    return fail(400, 'ErrorAccessDenied', "Your request can't be completed. You need to be an organizer to cancel a meeting.");
  }
  state.bookings.deliverCancellation(event);
  notifyCancellation(state, event, comment);
  removeWithOccurrences(state, event);
  return undefined;
}

/** accept / tentativelyAccept / decline by the mailbox holding an attendee's copy. */
export function respondToEvent(
  state: SimulatorState,
  owner: Mailbox,
  event: StoredEvent,
  response: 'accepted' | 'tentativelyAccepted' | 'declined',
  comment: string | undefined,
  sendResponse: boolean,
): MeetingError | undefined {
  if (event.isOrganizer) {
    return fail(400, 'ErrorInvalidRequest', "Your request can't be completed. You can't respond to a meeting you organized.");
  }
  const at = state.now();
  if (owner.kind === 'room') state.bookings.forget(owner, event.iCalUId);
  if (response === 'declined') {
    // A declined meeting goes to Deleted Items: it leaves the calendar view (delta reports it removed).
    state.calendar.remove(event.id);
  } else {
    state.calendar.update(event.id, (e) => {
      e.response = response;
      e.responseTime = at;
      e.showAs = response === 'accepted' ? 'busy' : 'tentative';
      e.awaitingBookingAssistant = false;
    });
  }
  const organizerCopy = state.calendar.copiesOf(event.iCalUId).find((e) => e.isOrganizer);
  if (organizerCopy && sendResponse) {
    state.calendar.update(organizerCopy.id, (e) => {
      for (const a of e.attendees) {
        if (a.emailAddress.address.toLowerCase() === owner.key) {
          a.response = response;
          a.responseTime = at;
        }
      }
    });
  }
  if (sendResponse) {
    state.notifications.push({
      at,
      kind: response,
      from: owner.email,
      to: [event.organizer.address],
      subject: event.subject,
      iCalUId: event.iCalUId,
      ...(comment ? { comment } : {}),
    });
  }
  return undefined;
}
