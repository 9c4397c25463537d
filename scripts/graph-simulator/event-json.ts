// Renders stored calendar items the way Graph v1.0 serialises microsoft.graph.event.
import type { Attendee, StoredEvent } from './calendar-store.js';
import { formatLocalDateTime, formatUtcTimestamp, localDate } from './graph-time.js';
import { ianaZoneFor } from './windows-time-zones.js';

/** The zone asked for with `Prefer: outlook.timezone="..."`: the label echoed back and its IANA zone. */
export interface OutputZone {
  label: string;
  iana: string;
}

export interface RenderOptions {
  zone?: OutputZone | undefined;
  /** Lower-case property names from $select; undefined = every property. */
  select?: ReadonlySet<string> | undefined;
  /** Delta responses tag each item with its type. */
  withODataType?: boolean;
}

const NEVER = '0001-01-01T00:00:00Z';

function responseTime(ms: number | undefined): string {
  return ms === undefined ? NEVER : formatUtcTimestamp(ms);
}

function dateTimeTimeZone(ev: StoredEvent, ms: number, zone: OutputZone | undefined): { dateTime: string; timeZone: string } {
  const ownIana = ianaZoneFor(ev.timeZone) ?? 'UTC';
  if (ev.isAllDay) {
    // All-day items float: Graph returns local midnight whatever zone is asked for, only relabelled.
    return { dateTime: `${localDate(ms, ownIana)}T00:00:00.0000000`, timeZone: zone?.label ?? ev.timeZone };
  }
  const out = zone ?? { label: ev.timeZone, iana: ownIana };
  return { dateTime: formatLocalDateTime(ms, out.iana), timeZone: out.label };
}

function renderAttendee(a: Attendee): Record<string, unknown> {
  return {
    type: a.type,
    status: { response: a.response, time: responseTime(a.responseTime) },
    emailAddress: { name: a.emailAddress.name, address: a.emailAddress.address },
  };
}

export function etagOf(ev: StoredEvent): string {
  return `W/"${ev.changeKey}"`;
}

export function renderEvent(ev: StoredEvent, options: RenderOptions = {}): Record<string, unknown> {
  const full: Record<string, unknown> = {
    ...(options.withODataType ? { '@odata.type': '#microsoft.graph.event' } : {}),
    '@odata.etag': etagOf(ev),
    id: ev.id,
    createdDateTime: formatUtcTimestamp(ev.createdMs),
    lastModifiedDateTime: formatUtcTimestamp(ev.lastModifiedMs),
    changeKey: ev.changeKey,
    categories: [...ev.categories],
    transactionId: ev.transactionId ?? null,
    originalStartTimeZone: ev.timeZone,
    originalEndTimeZone: ev.timeZone,
    iCalUId: ev.iCalUId,
    uid: ev.iCalUId,
    reminderMinutesBeforeStart: 15,
    isReminderSet: true,
    hasAttachments: false,
    subject: ev.subject,
    bodyPreview: ev.bodyPreview,
    importance: ev.importance,
    sensitivity: ev.sensitivity,
    isAllDay: ev.isAllDay,
    isCancelled: ev.isCancelled,
    isOrganizer: ev.isOrganizer,
    responseRequested: true,
    seriesMasterId: ev.seriesMasterId ?? null,
    showAs: ev.showAs,
    type: ev.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(ev.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: false,
    onlineMeetingProvider: 'unknown',
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    responseStatus: { response: ev.response, time: responseTime(ev.responseTime) },
    body: { contentType: ev.bodyContentType, content: ev.bodyContent },
    start: dateTimeTimeZone(ev, ev.startMs, options.zone),
    end: dateTimeTimeZone(ev, ev.endMs, options.zone),
    location: ev.location
      ? {
          displayName: ev.location,
          locationType: ev.locationUri ? 'conferenceRoom' : 'default',
          ...(ev.locationUri ? { uniqueId: ev.locationUri, uniqueIdType: 'directory' } : { uniqueIdType: 'unknown' }),
        }
      : { displayName: '', locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} },
    locations: ev.location
      ? [
          {
            displayName: ev.location,
            locationType: ev.locationUri ? 'conferenceRoom' : 'default',
            ...(ev.locationUri ? { locationUri: ev.locationUri, uniqueId: ev.locationUri, uniqueIdType: 'directory' } : {}),
          },
        ]
      : [],
    recurrence: ev.recurrence && ev.type === 'seriesMaster' ? renderRecurrence(ev) : null,
    attendees: ev.attendees.map(renderAttendee),
    organizer: { emailAddress: { name: ev.organizer.name, address: ev.organizer.address } },
    onlineMeeting: null,
  };
  const select = options.select;
  if (!select) return full;
  return Object.fromEntries(
    Object.entries(full).filter(([key]) => key.startsWith('@') || key === 'id' || select.has(key.toLowerCase())),
  );
}

function renderRecurrence(ev: StoredEvent): Record<string, unknown> {
  const rule = ev.recurrence;
  const iana = ianaZoneFor(ev.timeZone) ?? 'UTC';
  return {
    pattern: { type: rule?.type, interval: rule?.interval, daysOfWeek: [], firstDayOfWeek: 'sunday', index: 'first', month: 0, dayOfMonth: 0 },
    range: {
      type: 'numbered',
      startDate: localDate(ev.startMs, iana),
      endDate: '0001-01-01',
      recurrenceTimeZone: ev.timeZone,
      numberOfOccurrences: rule?.occurrences ?? 0,
    },
  };
}

/** A delta entry for an item that left the view (deleted, declined, or moved out of the window). */
export function renderRemoved(id: string): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.event', id, '@removed': { reason: 'deleted' } };
}
