import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile, startGraphSimulator, type RunningSimulator, type Scenario } from '../../scripts/graph-simulator/index.js';

const TENANT = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const APP_ID = '11111111-2222-4333-8444-555555555555';
const PUBLIC_ID = '66666666-7777-4888-9999-000000000000';
const SECRET = 'correct~horse~battery';
const BOOKER = 'booking@contoso.com';
const AURORA = 'aurora@contoso.com';
const BOREALIS = 'borealis@contoso.com';
const DELAY_MS = 250;
// Monday 23 Nov 2026, 08:00 in Berlin.
const NOW = Date.parse('2026-11-23T07:00:00Z');

const scenario: Scenario = {
  tenantId: TENANT,
  clients: [
    { clientId: APP_ID, kind: 'app', secret: SECRET },
    { clientId: PUBLIC_ID, kind: 'public' },
  ],
  users: [{ upn: BOOKER, displayName: 'Room Booking', timeZone: 'W. Europe Standard Time' }],
  rooms: [
    { email: AURORA, displayName: 'Aurora', timeZone: 'W. Europe Standard Time', bookingAssistant: { delayMs: DELAY_MS } },
    { email: 'manual@contoso.com', displayName: 'Manual', timeZone: 'W. Europe Standard Time', bookingAssistant: { autoAccept: false } },
    {
      email: BOREALIS,
      displayName: 'Borealis',
      timeZone: 'Europe/Berlin',
      workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00', endTime: '18:00' },
      bookingAssistant: { delayMs: 60_000, scheduleOnlyDuringWorkHours: true, bookingWindowDays: 30 },
    },
  ],
  events: [{ room: AURORA, subject: 'Existing', organizer: AURORA, start: '2026-11-23T11:00:00+01:00', end: '2026-11-23T12:00:00+01:00' }],
};

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function formToken(running: RunningSimulator, params: Record<string, string>): Promise<Record<string, unknown>> {
  const res = await fetch(`${running.authority}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams(params) });
  return (await res.json()) as Record<string, unknown>;
}

/** Signs the booking account in through the device code flow, as the product will. */
async function bookerToken(running: RunningSimulator): Promise<string> {
  const res = await fetch(`${running.authority}/oauth2/v2.0/devicecode`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: PUBLIC_ID, scope: 'https://graph.microsoft.com/Calendars.ReadWrite offline_access openid profile' }),
  });
  const code = (await res.json()) as { user_code: string; device_code: string };
  running.state.approveDeviceCode(code.user_code, { username: BOOKER });
  // The short grant_type is what msal-node sends.
  const tokens = await formToken(running, { grant_type: 'device_code', client_id: PUBLIC_ID, device_code: code.device_code });
  return String(tokens.access_token);
}

async function appToken(running: RunningSimulator): Promise<string> {
  return String((await formToken(running, { grant_type: 'client_credentials', client_id: APP_ID, client_secret: SECRET, scope: 'https://graph.microsoft.com/.default' })).access_token);
}

async function call(running: RunningSimulator, token: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${running.graphUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', prefer: 'outlook.timezone="UTC"' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function meeting(subject: string, start: string, end: string, room = AURORA): Record<string, unknown> {
  return {
    subject,
    body: { contentType: 'html', content: '<p>Booked at the door</p>' },
    start: { dateTime: start, timeZone: 'W. Europe Standard Time' },
    end: { dateTime: end, timeZone: 'W. Europe Standard Time' },
    attendees: [{ type: 'resource', emailAddress: { address: room, name: 'Room' } }],
    transactionId: `tx-${subject}`,
  };
}

interface RoomCopy {
  subject: string;
  showAs: string;
  responseStatus: { response: string };
  bodyPreview: string;
  sensitivity: string;
  iCalUId: string;
}

async function roomView(running: RunningSimulator, token: string, room = AURORA): Promise<RoomCopy[]> {
  const res = await call(running, token, `/users/${room}/calendarView?startDateTime=2026-11-23T00:00:00Z&endDateTime=2026-11-25T00:00:00Z`);
  return res.json.value as RoomCopy[];
}

function roomResponse(event: Record<string, unknown>, room = AURORA): string | undefined {
  const attendees = event.attendees as { emailAddress: { address: string }; status: { response: string } }[];
  return attendees.find((a) => a.emailAddress.address === room)?.status.response;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('booking assistant', () => {
  it('puts a request on the room tentatively, then accepts it after its delay', async () => {
    sim = await startGraphSimulator({ scenario, clock: () => NOW });
    const running = sim;
    const booker = await bookerToken(running);
    const app = await appToken(running);
    const sentAt = Date.now();
    const created = await call(running, booker, '/me/events', meeting('Walk-up', '2026-11-23T10:00:00', '2026-11-23T10:30:00'));
    expect(created.status).toBe(201);
    expect(roomResponse(created.json)).toBe('none');
    const iCalUId = String(created.json.iCalUId);

    const pending = (await roomView(running, app)).find((e) => e.iCalUId === iCalUId);
    expect(pending).toMatchObject({ showAs: 'tentative', responseStatus: { response: 'notResponded' } });

    const accepted = await waitFor(async () => {
      const copy = (await roomView(running, app)).find((e) => e.iCalUId === iCalUId);
      return copy?.responseStatus.response === 'accepted' ? copy : undefined;
    });
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(DELAY_MS - 20);
    expect(accepted).toMatchObject({ subject: 'Walk-up', showAs: 'busy' });
    const organizerCopy = await call(running, booker, `/me/events/${encodeURIComponent(String(created.json.id))}`);
    expect(roomResponse(organizerCopy.json)).toBe('accepted');
    expect(running.state.notifications.at(-1)).toMatchObject({ kind: 'accepted', from: AURORA, to: [BOOKER] });
  });

  it('declines a request that conflicts with a busy meeting, and drops it from the room calendar', async () => {
    sim = await startGraphSimulator({ scenario, clock: () => NOW });
    const running = sim;
    const app = await appToken(running);
    const created = await call(running, app, `/users/${BOOKER}/events`, meeting('Clash', '2026-11-23T11:30:00', '2026-11-23T12:30:00'));
    expect(created.status).toBe(201);
    const iCalUId = String(created.json.iCalUId);
    const declined = await waitFor(async () => {
      const copy = await call(running, app, `/users/${BOOKER}/events/${encodeURIComponent(String(created.json.id))}`);
      return roomResponse(copy.json) === 'declined' ? copy : undefined;
    });
    expect(declined.status).toBe(200);
    expect((await roomView(running, app)).some((e) => e.iCalUId === iCalUId)).toBe(false);
    expect(running.state.notifications.at(-1)).toMatchObject({ kind: 'declined', reason: 'conflict', from: AURORA });
  });

  it('declines outside working hours and beyond the booking window when the room says so', async () => {
    sim = await startGraphSimulator({ scenario, clock: () => NOW });
    const app = await appToken(sim);
    const evening = await call(sim, app, `/users/${BOOKER}/events`, meeting('Late', '2026-11-23T18:30:00', '2026-11-23T19:00:00', BOREALIS));
    const farAway = await call(sim, app, `/users/${BOOKER}/events`, meeting('Next year', '2027-02-01T10:00:00', '2027-02-01T11:00:00', BOREALIS));
    const fine = await call(sim, app, `/users/${BOOKER}/events`, meeting('Fine', '2026-11-23T10:00:00', '2026-11-23T11:00:00', BOREALIS));
    expect(sim.state.bookings.pending).toBe(3);
    sim.state.processPendingBookings();
    const answer = async (created: { json: Record<string, unknown> }): Promise<string | undefined> =>
      roomResponse((await call(sim as RunningSimulator, app, `/users/${BOOKER}/events/${encodeURIComponent(String(created.json.id))}`)).json, BOREALIS);
    expect(await answer(evening)).toBe('declined');
    expect(await answer(farAway)).toBe('declined');
    expect(await answer(fine)).toBe('accepted');
    expect(sim.state.notifications.map((n) => n.reason ?? n.kind)).toEqual(['outsideWorkingHours', 'beyondBookingWindow', 'accepted']);
  });

  it('re-answers when the organizer moves the meeting onto a busy slot', async () => {
    sim = await startGraphSimulator({ scenario, clock: () => NOW });
    const app = await appToken(sim);
    const created = await call(sim, app, `/users/${BOOKER}/events`, meeting('Moving', '2026-11-23T09:00:00', '2026-11-23T09:30:00'));
    sim.state.processPendingBookings();
    const id = encodeURIComponent(String(created.json.id));
    expect(roomResponse((await call(sim, app, `/users/${BOOKER}/events/${id}`)).json)).toBe('accepted');
    const moved = await fetch(`${sim.graphUrl}/users/${BOOKER}/events/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${app}`, 'content-type': 'application/json' },
      body: JSON.stringify({ start: { dateTime: '2026-11-23T11:15:00', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2026-11-23T11:45:00', timeZone: 'W. Europe Standard Time' } }),
    });
    expect(moved.status).toBe(200);
    sim.state.processPendingBookings();
    expect(roomResponse((await call(sim, app, `/users/${BOOKER}/events/${id}`)).json)).toBe('declined');
    expect((await roomView(sim, app)).some((e) => e.subject === 'Moving')).toBe(false);
  });
});

describe('rooms without auto-accept', () => {
  it('leave a request tentative until someone answers for the room, and keep booking accounts out of the room calendar', async () => {
    sim = await startGraphSimulator({ scenario, clock: () => NOW });
    const booker = await bookerToken(sim);
    const app = await appToken(sim);
    const created = await call(sim, booker, '/me/events', meeting('Needs a human', '2026-11-23T10:00:00', '2026-11-23T10:30:00', 'manual@contoso.com'));
    expect(sim.state.bookings.pending).toBe(0);
    const placeholder = sim.state.copyIn('manual@contoso.com', String(created.json.iCalUId));
    expect(placeholder).toMatchObject({ response: 'notResponded', showAs: 'tentative' });

    const intrusion = await call(sim, booker, `/users/manual@contoso.com/events/${encodeURIComponent(placeholder?.id ?? '')}/accept`, {});
    expect(intrusion.status).toBe(403);

    const accept = await fetch(`${sim.graphUrl}/users/manual@contoso.com/events/${encodeURIComponent(placeholder?.id ?? '')}/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app}`, 'content-type': 'application/json' },
      body: JSON.stringify({ comment: 'See you there', sendResponse: true }),
    });
    expect(accept.status).toBe(202);
    expect(sim.state.copyIn('manual@contoso.com', String(created.json.iCalUId))).toMatchObject({ response: 'accepted', showAs: 'busy' });
    expect(roomResponse((await call(sim, booker, `/me/events/${encodeURIComponent(String(created.json.id))}`)).json, 'manual@contoso.com')).toBe('accepted');
  });
});

describe('room mailbox defaults (AddOrganizerToSubject, DeleteSubject, DeleteComments, RemovePrivateProperty)', () => {
  it("shows the organizer's name instead of the subject on the room's copies, while the organizer keeps the original", async () => {
    const file = fileURLToPath(new URL('../../scripts/graph-simulator/scenarios/room-mailbox-defaults.json', import.meta.url));
    sim = await startGraphSimulator({ scenario: await loadScenarioFile(file), clock: () => NOW });
    const token = String(
      (
        await formToken(sim, {
          grant_type: 'client_credentials',
          client_id: '11111111-2222-4333-8444-555555555555',
          client_secret: 'lintel-simulator-secret~not-a-real-one',
          scope: 'https://graph.microsoft.com/.default',
        })
      ).access_token,
    );
    const existing = await roomView(sim, token);
    expect(existing.map((e) => e.subject)).toEqual(['Anna Schmidt', 'Anna Schmidt']);
    expect(existing.every((e) => e.bodyPreview === '' && e.sensitivity === 'normal')).toBe(true);

    const created = await call(sim, token, '/users/booking@contoso.com/events', { ...meeting('Secret project', '2026-11-23T16:00:00', '2026-11-23T16:30:00'), sensitivity: 'private' });
    sim.state.processPendingBookings();
    const copy = (await roomView(sim, token)).find((e) => e.iCalUId === created.json.iCalUId);
    expect(copy).toMatchObject({ subject: 'Room Booking (Lintel)', bodyPreview: '', sensitivity: 'normal', responseStatus: { response: 'accepted' } });
    const organizerCopy = await call(sim, token, `/users/booking@contoso.com/events/${encodeURIComponent(String(created.json.id))}`);
    expect(organizerCopy.json).toMatchObject({ subject: 'Secret project', bodyPreview: 'Booked at the door', sensitivity: 'private' });
  });
});
