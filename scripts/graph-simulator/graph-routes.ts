// Routes /v1.0 requests: bearer check, consent fault, then /places, /me and /users/{id} sub-resources.
import { calendarView, calendarViewDelta, deleteEventRoute, eventAction, getEvent, listEvents, patchEvent, postEvent } from './calendar-routes.js';
import { getSchedule, mailboxSettings, placeById, placesRooms, userEntity } from './directory-routes.js';
import { authenticate, notImplemented, resolveMailbox, type GraphContext, type MailboxRef } from './graph-common.js';
import { graphError, type SimRequest, type SimResponse } from './http-io.js';
import type { SimulatorState } from './simulator-state.js';

function segmentsOf(path: string): string[] | undefined {
  try {
    return path
      .slice('/v1.0'.length)
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

export function handleGraph(req: SimRequest, state: SimulatorState, base: string): SimResponse {
  const token = authenticate(req, state);
  if ('status' in token) return token;
  if (state.faults.consentMissing === 'graph') {
    return graphError(req, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
  const ctx: GraphContext = { state, base, token };
  const segments = segmentsOf(req.path);
  if (!segments) return graphError(req, 400, 'BadRequest', 'The request URL is not correctly percent-encoded.');
  const method = req.method;
  const what = `${method} ${req.path}`;

  if (segments[0]?.toLowerCase() === 'places') {
    // App tokens carry Place.Read.All (APP_ROLES); a delegated token only when it was asked for and consented.
    if (token.kind === 'delegated' && !/(^|[\s/])Place\.Read\.All(\s|$)/i.test(token.scope)) {
      return graphError(req, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    }
    if (segments.length === 2 && segments[1]?.toLowerCase() === 'microsoft.graph.room' && method === 'GET') return placesRooms(req, ctx);
    if (segments.length === 2 && segments[1] !== undefined && method === 'GET') return placeById(req, ctx, segments[1]);
    return notImplemented(req, what);
  }

  let ref: MailboxRef;
  let tail: string[];
  if (segments[0]?.toLowerCase() === 'me') {
    ref = { me: true };
    tail = segments.slice(1);
  } else if (segments[0]?.toLowerCase() === 'users' && segments[1] !== undefined) {
    ref = { me: false, id: segments[1] };
    tail = segments.slice(2);
  } else {
    return notImplemented(req, what);
  }
  // /calendar/calendarView and /calendar/events address the default calendar, like the short forms.
  const lowerTail = tail.map((s) => s.toLowerCase());
  if (lowerTail[0] === 'calendar' && lowerTail[1] !== 'getschedule' && tail.length > 1) {
    tail = tail.slice(1);
    lowerTail.shift();
  }
  const [first, second, third] = lowerTail;
  const write = method !== 'GET' && !(first === 'calendar' && second === 'getschedule');
  const mailbox = resolveMailbox(req, ctx, ref, { write, directoryOnly: tail.length === 0 });
  if ('status' in mailbox) return mailbox;

  if (tail.length === 0) return method === 'GET' ? userEntity(req, ctx, mailbox) : notImplemented(req, what);
  if (first === 'mailboxsettings' && method === 'GET' && tail.length <= 2) return mailboxSettings(req, ctx, mailbox, tail[1]);
  if (first === 'calendarview' && method === 'GET') {
    if (tail.length === 1) return calendarView(req, ctx, mailbox);
    if (tail.length === 2 && second === 'delta') return calendarViewDelta(req, ctx, mailbox);
  }
  if (first === 'calendar' && second === 'getschedule' && tail.length === 2 && method === 'POST') return getSchedule(req, ctx);
  if (first === 'events') {
    const id = tail[1];
    if (id === undefined) {
      if (method === 'GET') return listEvents(req, ctx, mailbox);
      if (method === 'POST') return postEvent(req, ctx, mailbox);
    } else if (tail.length === 2) {
      if (method === 'GET') return getEvent(req, ctx, mailbox, id);
      if (method === 'PATCH') return patchEvent(req, ctx, mailbox, id);
      if (method === 'DELETE') return deleteEventRoute(req, ctx, mailbox, id);
    } else if (tail.length === 3 && method === 'POST' && third !== undefined) {
      return eventAction(req, ctx, mailbox, id, third);
    }
  }
  return notImplemented(req, what);
}
