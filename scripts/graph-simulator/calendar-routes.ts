// Calendar endpoints of one mailbox: calendarView (paged), calendarView/delta (rounds, skip and delta
// tokens, @removed), and the events collection with create/update/delete/cancel/accept/decline.
import type { StoredEvent } from './calendar-store.js';
import type { DeltaPage } from './delta-sync.js';
import type { Mailbox } from './directory.js';
import { etagOf, renderEvent, renderRemoved, type OutputZone } from './event-json.js';
import { appliedHeader, notImplemented, readPreferences, selectedProperties, userSegment, type GraphContext } from './graph-common.js';
import { parseQueryInstant } from './graph-time.js';
import { graphError, header, jsonBody, jsonResponse, type SimRequest, type SimResponse } from './http-io.js';
import { cancelEvent, createEvent, deleteEvent, respondToEvent, updateEvent, type MeetingError } from './meetings.js';

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;

function meetingError(req: SimRequest, e: MeetingError): SimResponse {
  return graphError(req, e.status, e.code, e.message);
}

function missingWindow(req: SimRequest): SimResponse {
  return graphError(req, 400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
}

/** `$expand=singleValueExtendedProperties($filter=id eq '...')`: the property ids asked for, or undefined. */
function expandedPropertyIds(req: SimRequest): Set<string> | undefined | SimResponse {
  const raw = req.url.searchParams.get('$expand');
  if (raw === null) return undefined;
  if (!/^singleValueExtendedProperties/i.test(raw.trim())) return notImplemented(req, `$expand=${raw}`);
  return new Set([...raw.matchAll(/id\s+eq\s+'([^']*)'/gi)].map((m) => (m[1] as string).toLowerCase()));
}

function render(ev: StoredEvent, zone: OutputZone | undefined, select: Set<string> | undefined, expand: Set<string> | undefined, withODataType = false): Record<string, unknown> {
  const json = renderEvent(ev, { zone, select, withODataType });
  if (expand && ev.extendedProperties) {
    const props = Object.entries(ev.extendedProperties)
      .filter(([id]) => expand.size === 0 || expand.has(id.toLowerCase()))
      .map(([id, value]) => ({ id, value }));
    if (props.length > 0) json.singleValueExtendedProperties = props;
  }
  return json;
}

/** Options this simulator can answer for collection reads; anything else fails loudly instead of being ignored. */
function unsupportedQueryOption(req: SimRequest, allowed: readonly string[]): SimResponse | undefined {
  for (const key of req.url.searchParams.keys()) {
    if (key.startsWith('$') && !allowed.includes(key.toLowerCase())) return notImplemented(req, `the ${key} query option here`);
  }
  const orderBy = req.url.searchParams.get('$orderby');
  if (orderBy !== null && !/^start\/dateTime(\s+asc)?$/i.test(orderBy.trim())) return notImplemented(req, `$orderby=${orderBy}`);
  return undefined;
}

function pageWindow(req: SimRequest, maxPageSize: number | undefined): { top: number; skip: number } | SimResponse {
  const topRaw = req.url.searchParams.get('$top');
  const skipRaw = req.url.searchParams.get('$skip');
  const top = topRaw === null ? undefined : Number(topRaw);
  const skip = skipRaw === null ? 0 : Number(skipRaw);
  if ((top !== undefined && (!Number.isInteger(top) || top < 1)) || !Number.isInteger(skip) || skip < 0) {
    return graphError(req, 400, 'ErrorInvalidUrlQuery', 'The value of $top or $skip is not a non-negative integer.');
  }
  return { top: Math.min(top ?? maxPageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE), skip };
}

function nextLinkWithSkip(req: SimRequest, skip: number): string {
  const next = new URL(req.url.href);
  next.searchParams.set('$skip', String(skip));
  return next.href;
}

/** One page of an event collection ($top/$skip or the Prefer page size, $select, $expand), with a nextLink while more remain. */
function eventPage(req: SimRequest, ctx: GraphContext, mailbox: Mailbox, collection: string, items: () => StoredEvent[]): SimResponse {
  const prefs = readPreferences(req, { pageSize: true, zone: true });
  if ('status' in prefs) return prefs;
  const expand = expandedPropertyIds(req);
  if (expand && 'status' in expand) return expand;
  const paging = pageWindow(req, prefs.maxPageSize);
  if ('status' in paging) return paging;
  const all = items();
  const page = all.slice(paging.skip, paging.skip + paging.top);
  const select = selectedProperties(req);
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.base}/v1.0/$metadata#${userSegment(mailbox)}/${collection}`,
    value: page.map((e) => render(e, prefs.zone, select, expand)),
  };
  if (paging.skip + page.length < all.length) body['@odata.nextLink'] = nextLinkWithSkip(req, paging.skip + page.length);
  return jsonResponse(200, body, appliedHeader(prefs));
}

export function calendarView(req: SimRequest, ctx: GraphContext, mailbox: Mailbox): SimResponse {
  const unsupported = unsupportedQueryOption(req, ['$top', '$skip', '$select', '$orderby', '$expand']);
  if (unsupported) return unsupported;
  const start = parseQueryInstant(req.url.searchParams.get('startDateTime'));
  const end = parseQueryInstant(req.url.searchParams.get('endDateTime'));
  if (start === undefined || end === undefined) return missingWindow(req);
  return eventPage(req, ctx, mailbox, 'calendarView', () => ctx.state.calendar.inWindow(mailbox.key, start, end));
}

function syncStateError(req: SimRequest, ctx: GraphContext): SimResponse {
  if (ctx.state.faults.deltaTokenError === 'resyncRequired') {
    return graphError(req, 400, 'resyncRequired', 'The sync state is no longer valid. Discard the delta token and restart synchronization with an initial delta request.');
  }
  return graphError(req, 410, 'SyncStateNotFound', 'The sync state generation was not found. The delta token is expired or invalid; restart synchronization with an initial delta request.');
}

export function calendarViewDelta(req: SimRequest, ctx: GraphContext, mailbox: Mailbox): SimResponse {
  const params = req.url.searchParams;
  const rejected = ['$select', '$filter', '$expand', '$orderby', '$search', '$top'].filter((o) => params.has(o));
  if (rejected.length > 0) {
    return graphError(
      req,
      400,
      'ErrorInvalidUrlQuery',
      "The following parameters are not supported with change tracking over the 'CalendarView' resource: '$orderby, $filter, $select, $expand, $search, $top'.",
    );
  }
  const prefs = readPreferences(req, { pageSize: true, zone: true });
  if ('status' in prefs) return prefs;
  const { state } = ctx;
  const pageSize = Math.min(prefs.maxPageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const skipToken = params.get('$skiptoken');
  const deltaToken = params.get('$deltatoken');

  let page: DeltaPage;
  if (skipToken !== null || deltaToken !== null) {
    if (state.faults.rejectDeltaTokens) return syncStateError(req, ctx);
    if (skipToken !== null) {
      const found = state.delta.findSkipToken(skipToken);
      if (!found || found.round.snapshotAfter.mailbox !== mailbox.key) return syncStateError(req, ctx);
      page = state.delta.page(found.round, found.offset, pageSize);
    } else {
      const snapshot = state.delta.findDeltaToken(deltaToken as string);
      if (!snapshot || snapshot.mailbox !== mailbox.key) return syncStateError(req, ctx);
      const current = state.calendar.inWindow(mailbox.key, snapshot.windowStart, snapshot.windowEnd);
      page = state.delta.page(state.delta.startRound(mailbox.key, snapshot.windowStart, snapshot.windowEnd, current, snapshot), 0, pageSize);
    }
  } else {
    const start = parseQueryInstant(params.get('startDateTime'));
    const end = parseQueryInstant(params.get('endDateTime'));
    if (start === undefined || end === undefined) return missingWindow(req);
    const current = state.calendar.inWindow(mailbox.key, start, end);
    page = state.delta.page(state.delta.startRound(mailbox.key, start, end, current), 0, pageSize);
  }

  const value = page.entries.map((entry) => {
    const event = entry.removed ? undefined : state.calendar.get(entry.id);
    return event ? render(event, prefs.zone, undefined, undefined, true) : renderRemoved(entry.id);
  });
  // The links keep the path the client used (/me or /users/{id}); the token carries the window.
  const link = `${ctx.base}${req.path}`;
  const body: Record<string, unknown> = { '@odata.context': `${ctx.base}/v1.0/$metadata#Collection(event)`, value };
  if (page.skipToken) body['@odata.nextLink'] = `${link}?$skiptoken=${page.skipToken}`;
  if (page.deltaToken) body['@odata.deltaLink'] = `${link}?$deltatoken=${page.deltaToken}`;
  return jsonResponse(200, body, appliedHeader(prefs));
}

export function listEvents(req: SimRequest, ctx: GraphContext, mailbox: Mailbox): SimResponse {
  const unsupported = unsupportedQueryOption(req, ['$top', '$skip', '$select', '$orderby', '$expand']);
  if (unsupported) return unsupported;
  // The events collection holds single items and series masters, not expanded occurrences.
  return eventPage(req, ctx, mailbox, 'events', () =>
    ctx.state.calendar
      .eventsOf(mailbox.key)
      .filter((e) => e.type === 'singleInstance' || e.type === 'seriesMaster')
      .sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id)),
  );
}

function findEvent(req: SimRequest, ctx: GraphContext, mailbox: Mailbox, id: string): StoredEvent | SimResponse {
  const event = ctx.state.calendar.get(id);
  if (!event || event.mailbox !== mailbox.key) return graphError(req, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return event;
}

function entityResponse(req: SimRequest, ctx: GraphContext, mailbox: Mailbox, event: StoredEvent, status: number, zone?: OutputZone): SimResponse {
  const select = selectedProperties(req);
  return jsonResponse(
    status,
    { '@odata.context': `${ctx.base}/v1.0/$metadata#${userSegment(mailbox)}/events/$entity`, ...renderEvent(event, { zone, select }) },
    { ETag: etagOf(event), ...(status === 201 ? { Location: `${ctx.base}/v1.0/${userSegment(mailbox)}/events('${encodeURIComponent(event.id)}')` } : {}) },
  );
}

export function getEvent(req: SimRequest, ctx: GraphContext, mailbox: Mailbox, id: string): SimResponse {
  const prefs = readPreferences(req, { pageSize: false, zone: true });
  if ('status' in prefs) return prefs;
  const event = findEvent(req, ctx, mailbox, id);
  if ('status' in event) return event;
  const expand = expandedPropertyIds(req);
  if (expand && 'status' in expand) return expand;
  const json = render(event, prefs.zone, selectedProperties(req), expand);
  return jsonResponse(200, { '@odata.context': `${ctx.base}/v1.0/$metadata#${userSegment(mailbox)}/events/$entity`, ...json }, { ETag: etagOf(event), ...appliedHeader(prefs) });
}

export function postEvent(req: SimRequest, ctx: GraphContext, mailbox: Mailbox): SimResponse {
  const body = jsonBody(req);
  if (!body.ok) return body.response;
  const prefs = readPreferences(req, { pageSize: false, zone: true });
  if ('status' in prefs) return prefs;
  const result = createEvent(ctx.state, mailbox, body.value);
  if (!result.ok) return meetingError(req, result);
  return entityResponse(req, ctx, mailbox, result.event, 201, prefs.zone);
}

export function patchEvent(req: SimRequest, ctx: GraphContext, mailbox: Mailbox, id: string): SimResponse {
  const body = jsonBody(req);
  if (!body.ok) return body.response;
  const prefs = readPreferences(req, { pageSize: false, zone: true });
  if ('status' in prefs) return prefs;
  const event = findEvent(req, ctx, mailbox, id);
  if ('status' in event) return event;
  const ifMatch = header(req, 'if-match');
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== etagOf(event)) {
    return graphError(
      req,
      409,
      'ErrorIrresolvableConflict',
      'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
    );
  }
  const result = updateEvent(ctx.state, event, body.value);
  if (!result.ok) return meetingError(req, result);
  return entityResponse(req, ctx, mailbox, result.event, 200, prefs.zone);
}

export function deleteEventRoute(req: SimRequest, ctx: GraphContext, mailbox: Mailbox, id: string): SimResponse {
  const event = findEvent(req, ctx, mailbox, id);
  if ('status' in event) return event;
  deleteEvent(ctx.state, event);
  return { status: 204 };
}

export function eventAction(req: SimRequest, ctx: GraphContext, mailbox: Mailbox, id: string, action: string): SimResponse {
  const body = jsonBody(req);
  if (!body.ok) return body.response;
  const event = findEvent(req, ctx, mailbox, id);
  if ('status' in event) return event;
  const comment = typeof body.value.comment === 'string' ? body.value.comment : undefined;
  const sendResponse = body.value.sendResponse !== false;
  let problem: MeetingError | undefined;
  switch (action.toLowerCase()) {
    case 'cancel':
      problem = cancelEvent(ctx.state, event, comment);
      break;
    case 'accept':
      problem = respondToEvent(ctx.state, mailbox, event, 'accepted', comment, sendResponse);
      break;
    case 'tentativelyaccept':
      problem = respondToEvent(ctx.state, mailbox, event, 'tentativelyAccepted', comment, sendResponse);
      break;
    case 'decline':
      problem = respondToEvent(ctx.state, mailbox, event, 'declined', comment, sendResponse);
      break;
    default:
      return notImplemented(req, `POST events/{id}/${action}`);
  }
  return problem ? meetingError(req, problem) : { status: 202 };
}
