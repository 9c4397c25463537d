import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appToken } from '../helpers/simulator-token.js';
import { startGraphSimulator, type RunningSimulator, type Scenario } from '../../scripts/graph-simulator/index.js';

const TENANT = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const APP_ID = '11111111-2222-4333-8444-555555555555';
const SECRET = 'correct~horse~battery';
const ROOM = 'aurora@contoso.com';
// Monday 23 Nov 2026 in Berlin, where the room is.
const DAY = { start: '2026-11-23T00:00:00+01:00', end: '2026-11-24T00:00:00+01:00' };

const scenario: Scenario = {
  tenantId: TENANT,
  clients: [{ clientId: APP_ID, kind: 'app', secret: SECRET }],
  users: [
    { upn: 'anna@contoso.com', displayName: 'Anna Schmidt', timeZone: 'W. Europe Standard Time' },
    { upn: 'ben@contoso.com', displayName: 'Ben Okafor', timeZone: 'Pacific Standard Time' },
  ],
  rooms: [{ email: ROOM, displayName: 'Aurora', timeZone: 'W. Europe Standard Time', bookingAssistant: { delayMs: 5000 } }],
  events: [
    { room: ROOM, subject: 'Stand-up', organizer: 'anna@contoso.com', start: '2026-11-23T08:00:00+01:00', end: '2026-11-23T08:15:00+01:00', recurrence: { type: 'daily', occurrences: 3 } },
    { room: ROOM, subject: 'Planning', organizer: 'anna@contoso.com', start: '2026-11-23T09:00:00+01:00', end: '2026-11-23T10:00:00+01:00' },
    { room: ROOM, subject: 'West coast sync', organizer: 'ben@contoso.com', start: '2026-11-23T18:00:00+01:00', end: '2026-11-23T19:00:00+01:00', timeZone: 'Pacific Standard Time' },
    { room: ROOM, subject: 'Review', organizer: 'anna@contoso.com', start: '2026-11-23T11:00:00+01:00', end: '2026-11-23T12:00:00+01:00' },
    { room: ROOM, subject: 'Retro', organizer: 'anna@contoso.com', start: '2026-11-23T15:00:00+01:00', end: '2026-11-23T16:00:00+01:00' },
    { room: ROOM, subject: 'Offsite', organizer: ROOM, start: '2026-11-24T00:00:00+01:00', end: '2026-11-25T00:00:00+01:00', isAllDay: true },
  ],
};

interface GraphEvent {
  id: string;
  subject: string;
  type: string;
  transactionId: string | null;
  seriesMasterId: string | null;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  attendees: { type: string; status: { response: string }; emailAddress: { address: string } }[];
  '@removed'?: { reason: string };
  '@odata.etag': string;
}
interface Page {
  value: GraphEvent[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

let sim: RunningSimulator;
let token = '';
beforeAll(async () => {
  sim = await startGraphSimulator({ scenario, clock: () => Date.parse('2026-11-23T07:00:00Z') });
  token = await appToken(sim, APP_ID, SECRET);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.state.faults = {};
});

async function graph(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const url = path.startsWith('http') ? path : `${sim.graphUrl}${path}`;
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

async function page(url: string, prefer?: string): Promise<Page> {
  const res = await graph(url, prefer ? { headers: { prefer } } : {});
  expect(res.status).toBe(200);
  return res.json as unknown as Page;
}

const view = (window = DAY): string => `/users/${ROOM}/calendarView?startDateTime=${encodeURIComponent(window.start)}&endDateTime=${encodeURIComponent(window.end)}`;
const deltaStart = (window = DAY): string => `/users/${ROOM}/calendarView/delta?startDateTime=${encodeURIComponent(window.start)}&endDateTime=${encodeURIComponent(window.end)}`;

/** Follows nextLinks to the deltaLink; returns every item of the round and the deltaLink. */
async function deltaRound(first: string, prefer = 'odata.maxpagesize=2'): Promise<{ items: GraphEvent[]; deltaLink: string; pages: number }> {
  const items: GraphEvent[] = [];
  let url = first;
  let pages = 0;
  for (;;) {
    const p: Page = await page(url, prefer);
    pages++;
    items.push(...p.value);
    if (p['@odata.deltaLink']) return { items, deltaLink: p['@odata.deltaLink'], pages };
    const next = p['@odata.nextLink'];
    if (!next) throw new Error('a delta page has neither a nextLink nor a deltaLink');
    expect(next).toContain('$skiptoken=');
    url = next;
  }
}

describe('calendarView', () => {
  it('pages by Prefer: odata.maxpagesize, in UTC when asked, with occurrences but no series master', async () => {
    const first = await graph(view(), { headers: { prefer: 'outlook.timezone="UTC", odata.maxpagesize=2' } });
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=2, outlook.timezone="UTC"');
    const all: GraphEvent[] = [];
    let p = first.json as unknown as Page;
    let pages = 1;
    all.push(...p.value);
    expect(p.value).toHaveLength(2);
    while (p['@odata.nextLink']) {
      expect(p['@odata.nextLink']).toMatch(/%24skip=\d+/);
      p = await page(p['@odata.nextLink'], 'outlook.timezone="UTC", odata.maxpagesize=2');
      all.push(...p.value);
      pages++;
    }
    expect(pages).toBe(3);
    expect(all.map((e) => e.subject)).toEqual(['Stand-up', 'Planning', 'Review', 'Retro', 'West coast sync']);
    expect(all[0]).toMatchObject({ type: 'occurrence', start: { dateTime: '2026-11-23T07:00:00.0000000', timeZone: 'UTC' } });
    expect(all[0]?.seriesMasterId).toMatch(/^AAMk/);
    expect(all.every((e) => e.type !== 'seriesMaster')).toBe(true);
    expect(all[1]).toMatchObject({ type: 'singleInstance', end: { dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'UTC' } });
  });

  it("without a zone preference, answers in each event's own (Windows) zone", async () => {
    const p = await page(view());
    const planning = p.value.find((e) => e.subject === 'Planning');
    expect(planning?.start).toEqual({ dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'W. Europe Standard Time' });
    const west = p.value.find((e) => e.subject === 'West coast sync');
    expect(west?.start).toEqual({ dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'Pacific Standard Time' });
  });

  it('converts to a Windows zone named in Prefer, and keeps all-day events at local midnight', async () => {
    const p = await page(view({ start: '2026-11-23T12:00:00Z', end: '2026-11-25T00:00:00Z' }), 'outlook.timezone="Pacific Standard Time"');
    expect(p.value.find((e) => e.subject === 'Retro')?.start).toEqual({ dateTime: '2026-11-23T06:00:00.0000000', timeZone: 'Pacific Standard Time' });
    expect(p.value.find((e) => e.subject === 'Offsite')?.start).toEqual({ dateTime: '2026-11-24T00:00:00.0000000', timeZone: 'Pacific Standard Time' });
  });

  it('asks for a time window and rejects a zone it does not know', async () => {
    expect((await graph(`/users/${ROOM}/calendarView`)).json).toMatchObject({ error: { code: 'ErrorInvalidParameter' } });
    const bad = await graph(view(), { headers: { prefer: 'outlook.timezone="Mars/Olympus"' } });
    expect(bad.status).toBe(400);
  });
});

describe('calendarView/delta', () => {
  it('pages a first round with skip tokens to a deltaLink, then reports only changes — moves out of the window as removals', async () => {
    const initial = await deltaRound(deltaStart());
    expect(initial.deltaLink).toContain('$deltatoken=');
    expect(initial.pages).toBe(3);
    expect(initial.items.map((e) => e.subject).sort()).toEqual(['Planning', 'Retro', 'Review', 'Stand-up', 'West coast sync']);
    const id = (subject: string): string => initial.items.find((e) => e.subject === subject)?.id ?? '';

    const added = sim.state.addEvent({ room: ROOM, subject: 'Walk-up', start: '2026-11-23T13:00:00+01:00', end: '2026-11-23T13:30:00+01:00' });
    sim.state.moveEvent(id('Planning'), '2026-11-23T09:30:00+01:00', '2026-11-23T10:30:00+01:00');
    sim.state.deleteEvent(id('Review'));
    sim.state.moveEvent(id('Retro'), '2026-11-30T15:00:00+01:00', '2026-11-30T16:00:00+01:00');

    const second = await deltaRound(initial.deltaLink);
    const byId = new Map(second.items.map((e) => [e.id, e]));
    expect(second.items).toHaveLength(4);
    expect(byId.get(added.id)?.subject).toBe('Walk-up');
    expect(byId.get(id('Planning'))?.start.dateTime).toBe('2026-11-23T09:30:00.0000000');
    expect(byId.get(id('Review'))).toEqual({ '@odata.type': '#microsoft.graph.event', id: id('Review'), '@removed': { reason: 'deleted' } });
    expect(byId.get(id('Retro'))?.['@removed']).toEqual({ reason: 'deleted' });
    expect(byId.has(id('Stand-up'))).toBe(false);

    const third = await deltaRound(second.deltaLink);
    expect(third.items).toEqual([]);

    sim.state.moveEvent(id('Retro'), '2026-11-23T16:00:00+01:00', '2026-11-23T17:00:00+01:00');
    const fourth = await deltaRound(third.deltaLink);
    expect(fourth.items.map((e) => e.subject)).toEqual(['Retro']);
  });

  it('rejects $select and $filter like Graph does', async () => {
    for (const option of ['$select=subject', '$filter=isCancelled%20eq%20false']) {
      const res = await graph(`${deltaStart()}&${option}`);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'ErrorInvalidUrlQuery' } });
    }
  });

  it('answers an unknown or forgotten delta token with 410 SyncStateNotFound, or 400 resyncRequired when configured', async () => {
    const unknown = await graph(`/users/${ROOM}/calendarView/delta?$deltatoken=nope`);
    expect(unknown.status).toBe(410);
    expect(unknown.json).toMatchObject({ error: { code: 'SyncStateNotFound' } });

    const { deltaLink } = await deltaRound(deltaStart());
    expect((await graph(deltaLink)).status).toBe(200);
    sim.state.faults.rejectDeltaTokens = true;
    expect((await graph(deltaLink)).status).toBe(410);
    sim.state.faults = {};

    sim.state.invalidateDeltaTokens();
    sim.state.faults.deltaTokenError = 'resyncRequired';
    const resync = await graph(deltaLink);
    expect(resync.status).toBe(400);
    expect(resync.json).toMatchObject({ error: { code: 'resyncRequired' } });
  });
});

describe('events', () => {
  const newEvent = (transactionId: string): Record<string, unknown> => ({
    subject: 'Walk-up booking',
    start: { dateTime: '2026-11-23T16:30:00', timeZone: 'W. Europe Standard Time' },
    end: { dateTime: '2026-11-23T17:00:00', timeZone: 'W. Europe Standard Time' },
    transactionId,
  });

  it('creates once per transactionId: a retried POST returns the first event', async () => {
    const first = await graph(`/users/${ROOM}/events`, { method: 'POST', body: newEvent('tx-retry-1') });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ subject: 'Walk-up booking', transactionId: 'tx-retry-1', isOrganizer: true, responseStatus: { response: 'organizer' } });
    const retry = await graph(`/users/${ROOM}/events`, { method: 'POST', body: newEvent('tx-retry-1') });
    expect(retry.json.id).toBe(first.json.id);
    const p = await page(view({ start: '2026-11-23T15:00:00Z', end: '2026-11-23T17:00:00Z' }));
    expect(p.value.filter((e) => e.transactionId === 'tx-retry-1')).toHaveLength(1);
  });

  it('rejects properties that microsoft.graph.event does not have', async () => {
    const res = await graph(`/users/${ROOM}/events`, { method: 'POST', body: { ...newEvent('tx-typo'), subjcet: 'typo' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'RequestBodyRead' } });
  });

  it('updates with an etag check, and deletes', async () => {
    const created = await graph(`/users/${ROOM}/events`, { method: 'POST', body: newEvent('tx-edit') });
    const id = String(created.json.id);
    const etag = String(created.json['@odata.etag']);
    const extended = await graph(`/users/${ROOM}/events/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'if-match': etag },
      body: { end: { dateTime: '2026-11-23T17:30:00', timeZone: 'W. Europe Standard Time' } },
    });
    expect(extended.status).toBe(200);
    expect(extended.json.end).toEqual({ dateTime: '2026-11-23T17:30:00.0000000', timeZone: 'W. Europe Standard Time' });
    const stale = await graph(`/users/${ROOM}/events/${encodeURIComponent(id)}`, { method: 'PATCH', headers: { 'if-match': etag }, body: { subject: 'x' } });
    expect(stale.status).toBe(409);
    expect((await graph(`/users/${ROOM}/events/${encodeURIComponent(id)}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await graph(`/users/${ROOM}/events/${encodeURIComponent(id)}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ error: { code: 'ErrorItemNotFound' } });
  });

  it("lets the room decline (release) someone else's meeting with a comment, but not cancel it", async () => {
    const meeting = sim.state.addEvent({ room: ROOM, subject: 'No-show', organizer: 'anna@contoso.com', start: '2026-11-23T13:30:00+01:00', end: '2026-11-23T14:00:00+01:00' });
    const path = `/users/${ROOM}/events/${encodeURIComponent(meeting.id)}`;
    const cancel = await graph(`${path}/cancel`, { method: 'POST', body: { comment: 'x' } });
    expect(cancel.status).toBe(400);
    expect(cancel.json).toMatchObject({ error: { code: 'ErrorAccessDenied' } });

    const decline = await graph(`${path}/decline`, { method: 'POST', body: { comment: 'Released: nobody checked in', sendResponse: true } });
    expect(decline.status).toBe(202);
    expect((await graph(path)).status).toBe(404);
    const organizerCopy = sim.state.copyIn('anna@contoso.com', meeting.iCalUId);
    expect(organizerCopy?.attendees.find((a) => a.emailAddress.address === ROOM)?.response).toBe('declined');
    expect(sim.state.notifications.at(-1)).toMatchObject({ kind: 'declined', from: ROOM, to: ['anna@contoso.com'], comment: 'Released: nobody checked in' });
  });

  it('lets the organizer cancel: the meeting leaves the organizer and, after its delay, the room', async () => {
    const meeting = sim.state.addEvent({ room: ROOM, subject: 'Cancelled later', organizer: 'anna@contoso.com', start: '2026-11-23T17:00:00+01:00', end: '2026-11-23T17:30:00+01:00' });
    const organizerCopy = sim.state.copyIn('anna@contoso.com', meeting.iCalUId);
    const res = await graph(`/users/anna@contoso.com/events/${encodeURIComponent(organizerCopy?.id ?? '')}/cancel`, { method: 'POST', body: { comment: 'Sorry' } });
    expect(res.status).toBe(202);
    expect(sim.state.copyIn('anna@contoso.com', meeting.iCalUId)).toBeUndefined();
    expect(sim.state.getEvent(meeting.id)).toBeDefined();
    sim.state.processPendingBookings();
    expect(sim.state.getEvent(meeting.id)).toBeUndefined();
  });
});
