// Directory-ish reads the device needs: the user/room entity, mailboxSettings (the room's own zone and
// working hours), the room list from Places, and free/busy of other rooms via getSchedule.
import type { StoredEvent } from './calendar-store.js';
import type { Mailbox } from './directory.js';
import { stableGuid } from './directory.js';
import { appliedHeader, readPreferences, selectedProperties, userSegment, type GraphContext } from './graph-common.js';
import { formatLocalDateTime, formatTimeOfDay, parseDateTimeTimeZone } from './graph-time.js';
import { graphError, jsonBody, jsonResponse, type SimRequest, type SimResponse } from './http-io.js';

export function userEntity(req: SimRequest, ctx: GraphContext, mailbox: Mailbox): SimResponse {
  const full: Record<string, unknown> = {
    businessPhones: [],
    displayName: mailbox.displayName,
    givenName: null,
    jobTitle: null,
    mail: mailbox.email,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: null,
    userPrincipalName: mailbox.userPrincipalName,
    id: mailbox.id,
  };
  const select = selectedProperties(req);
  const body = select ? Object.fromEntries(Object.entries(full).filter(([k]) => k === 'id' || select.has(k.toLowerCase()))) : full;
  return jsonResponse(200, { '@odata.context': `${ctx.base}/v1.0/$metadata#users/$entity`, ...body });
}

function workingHoursJson(mailbox: Mailbox): Record<string, unknown> {
  const wh = mailbox.workingHours;
  return {
    daysOfWeek: [...wh.daysOfWeek],
    startTime: formatTimeOfDay(wh.startTime),
    endTime: formatTimeOfDay(wh.endTime),
    timeZone: { name: wh.timeZone ?? mailbox.timeZone },
  };
}

/** GET mailboxSettings, or one of its properties (mailboxSettings/timeZone, mailboxSettings/workingHours). */
export function mailboxSettings(req: SimRequest, ctx: GraphContext, mailbox: Mailbox, property?: string): SimResponse {
  const context = `${ctx.base}/v1.0/$metadata#${userSegment(mailbox)}/mailboxSettings`;
  const settings: Record<string, unknown> = {
    archiveFolder: stableGuid(`archive:${mailbox.key}`),
    timeZone: mailbox.timeZone,
    delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
    dateFormat: 'yyyy-MM-dd',
    timeFormat: 'HH:mm',
    userPurpose: mailbox.kind === 'room' ? 'room' : 'user',
    automaticRepliesSetting: {
      status: 'disabled',
      externalAudience: 'all',
      internalReplyMessage: '',
      externalReplyMessage: '',
      scheduledStartDateTime: { dateTime: '2020-01-01T00:00:00.0000000', timeZone: 'UTC' },
      scheduledEndDateTime: { dateTime: '2020-01-02T00:00:00.0000000', timeZone: 'UTC' },
    },
    language: { locale: 'en-US', displayName: 'English (United States)' },
    workingHours: workingHoursJson(mailbox),
  };
  if (property === undefined) return jsonResponse(200, { '@odata.context': context, ...settings });
  const key = Object.keys(settings).find((k) => k.toLowerCase() === property.toLowerCase());
  if (!key) {
    return graphError(req, 400, 'BadRequest', `Could not find a property named '${property}' on type 'microsoft.graph.mailboxSettings'.`);
  }
  const value = settings[key];
  return jsonResponse(
    200,
    typeof value === 'object' && value !== null
      ? { '@odata.context': `${context}/${key}`, ...(value as Record<string, unknown>) }
      : { '@odata.context': `${context}/${key}`, value },
  );
}

export function placesRooms(req: SimRequest, ctx: GraphContext): SimResponse {
  const rooms = ctx.state.directory.rooms;
  const topRaw = req.url.searchParams.get('$top');
  const skipRaw = req.url.searchParams.get('$skip');
  const top = topRaw === null ? 100 : Number(topRaw);
  const skip = skipRaw === null ? 0 : Number(skipRaw);
  if (!Number.isInteger(top) || top < 1 || !Number.isInteger(skip) || skip < 0) {
    return graphError(req, 400, 'ErrorInvalidUrlQuery', 'The value of $top or $skip is not a non-negative integer.');
  }
  const page = rooms.slice(skip, skip + top).map((m) => placeJson(m));
  const body: Record<string, unknown> = { '@odata.context': `${ctx.base}/v1.0/$metadata#places/microsoft.graph.room`, value: page };
  if (skip + page.length < rooms.length) {
    const next = new URL(req.url.href);
    next.searchParams.set('$skip', String(skip + page.length));
    body['@odata.nextLink'] = next.href;
  }
  return jsonResponse(200, body);
}

/** GET /places/{id | emailAddress}: one room (Place.Read.All). */
export function placeById(req: SimRequest, ctx: GraphContext, key: string): SimResponse {
  const lower = key.toLowerCase();
  const room = ctx.state.directory.rooms.find((m) => m.email.toLowerCase() === lower || stableGuid(`place:${m.key}`) === lower);
  if (!room) return graphError(req, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return jsonResponse(200, { '@odata.context': `${ctx.base}/v1.0/$metadata#places/$entity`, '@odata.type': '#microsoft.graph.room', ...placeJson(room) });
}

function placeJson(m: (GraphContext['state']['directory']['rooms'])[number]): Record<string, unknown> {
    const r = m.room;
    return {
      id: stableGuid(`place:${m.key}`),
      emailAddress: m.email,
      displayName: m.displayName,
      address: { street: '', city: '', state: '', postalCode: '', countryOrRegion: '', ...r?.address },
      geoCoordinates: null,
      phone: r?.phone ?? '',
      nickname: r?.nickname ?? m.displayName,
      label: r?.label ?? '',
      // Passed through as written in the scenario: real tenants sometimes return capacity as a string.
      capacity: r?.capacity ?? null,
      building: r?.building ?? null,
      floorLabel: r?.floorLabel ?? null,
      floorNumber: r?.floorNumber ?? null,
      isManaged: true,
      isWheelChairAccessible: r?.isWheelChairAccessible ?? false,
      bookingType: r?.bookingType ?? 'standard',
      tags: r?.tags ?? [],
      audioDeviceName: r?.audioDeviceName ?? null,
      videoDeviceName: r?.videoDeviceName ?? null,
      displayDeviceName: r?.displayDeviceName ?? null,
    };
}

const AVAILABILITY_DIGIT: Record<string, string> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4', unknown: '0' };
// Which status wins when items overlap in one slot.
const AVAILABILITY_RANK: Record<string, number> = { free: 0, unknown: 0, workingElsewhere: 1, tentative: 2, busy: 3, oof: 4 };

function availabilityView(items: readonly StoredEvent[], startMs: number, endMs: number, intervalMinutes: number): string {
  const step = intervalMinutes * 60_000;
  let view = '';
  for (let slot = startMs; slot < endMs; slot += step) {
    const slotEnd = Math.min(slot + step, endMs);
    let best = 'free';
    for (const e of items) {
      if (e.startMs < slotEnd && e.endMs > slot && (AVAILABILITY_RANK[e.showAs] ?? 0) > (AVAILABILITY_RANK[best] ?? 0)) best = e.showAs;
    }
    view += AVAILABILITY_DIGIT[best] ?? '0';
  }
  return view;
}

/** POST /users/{id}/calendar/getSchedule: free/busy of up to 100 mailboxes. */
export function getSchedule(req: SimRequest, ctx: GraphContext): SimResponse {
  const parsed = jsonBody(req);
  if (!parsed.ok) return parsed.response;
  const prefs = readPreferences(req, { pageSize: false, zone: true });
  if ('status' in prefs) return prefs;
  const body = parsed.value;
  const schedules = body.schedules;
  if (!Array.isArray(schedules) || schedules.length === 0 || schedules.length > 100 || !schedules.every((s) => typeof s === 'string')) {
    return graphError(req, 400, 'ErrorInvalidParameter', "'schedules' must list 1 to 100 email addresses.");
  }
  const start = parseDateTimeTimeZone(body.startTime);
  const end = parseDateTimeTimeZone(body.endTime);
  if (!start || !end || end.ms <= start.ms) {
    return graphError(req, 400, 'ErrorInvalidParameter', "'startTime' and 'endTime' must be dateTimeTimeZone values with endTime after startTime.");
  }
  const interval = body.availabilityViewInterval === undefined ? 30 : Number(body.availabilityViewInterval);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) {
    return graphError(req, 400, 'ErrorInvalidParameter', "'availabilityViewInterval' must be a whole number of minutes from 5 to 1440.");
  }
  const zone = prefs.zone ?? { label: 'UTC', iana: 'UTC' };
  const { state } = ctx;
  const value = (schedules as string[]).map((address) => {
    const mailbox = state.directory.find(address);
    if (!mailbox?.hasMailbox) {
      return {
        scheduleId: address,
        availabilityView: '',
        scheduleItems: [],
        error: { message: `The user '${address}' could not be found.`, responseCode: 'ErrorMailRecipientNotFound' },
      };
    }
    const items = state.calendar.inWindow(mailbox.key, start.ms, end.ms).filter((e) => !e.isCancelled);
    return {
      scheduleId: address,
      availabilityView: availabilityView(items, start.ms, end.ms, interval),
      scheduleItems: items.map((e) => {
        const isPrivate = e.sensitivity === 'private';
        return {
          isPrivate,
          status: e.showAs,
          ...(isPrivate ? {} : { subject: e.subject, location: e.location }),
          isMeeting: e.attendees.length > 0,
          isRecurring: e.type === 'occurrence' || e.type === 'exception',
          isException: e.type === 'exception',
          isReminderSet: true,
          start: { dateTime: formatLocalDateTime(e.startMs, zone.iana), timeZone: zone.label },
          end: { dateTime: formatLocalDateTime(e.endMs, zone.iana), timeZone: zone.label },
        };
      }),
      workingHours: workingHoursJson(mailbox),
    };
  });
  return jsonResponse(200, { '@odata.context': `${ctx.base}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`, value }, appliedHeader(prefs));
}
