import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appToken } from '../helpers/simulator-token.js';
import { startGraphSimulator, type RunningSimulator, type Scenario } from '../../scripts/graph-simulator/index.js';

const TENANT = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const APP_ID = '11111111-2222-4333-8444-555555555555';
const SECRET = 'correct~horse~battery';
const AURORA = 'aurora@contoso.com';
const BOREALIS = 'borealis@contoso.com';

const scenario: Scenario = {
  tenantId: TENANT,
  clients: [{ clientId: APP_ID, kind: 'app', secret: SECRET }],
  users: [{ upn: 'booking@contoso.com', displayName: 'Room Booking' }],
  rooms: [
    {
      email: AURORA,
      displayName: 'Aurora',
      capacity: 8,
      timeZone: 'W. Europe Standard Time',
      building: 'HQ',
      floorNumber: 2,
      workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '07:30', endTime: '18:00' },
    },
    { email: BOREALIS, displayName: 'Borealis', capacity: '12', timeZone: 'Europe/Berlin', building: 'Annex' },
  ],
  events: [
    { room: AURORA, subject: 'Planning', organizer: AURORA, start: '2026-11-23T09:00:00+01:00', end: '2026-11-23T10:00:00+01:00' },
    { room: AURORA, subject: 'Maybe', organizer: AURORA, start: '2026-11-23T10:30:00+01:00', end: '2026-11-23T11:00:00+01:00', showAs: 'tentative' },
    { room: AURORA, subject: 'Private', organizer: AURORA, start: '2026-11-23T11:00:00+01:00', end: '2026-11-23T11:30:00+01:00', sensitivity: 'private' },
    { room: AURORA, subject: 'Called off', organizer: AURORA, start: '2026-11-23T08:00:00+01:00', end: '2026-11-23T09:00:00+01:00', isCancelled: true },
    { room: BOREALIS, subject: 'Offsite', organizer: BOREALIS, start: '2026-11-23T08:00:00+01:00', end: '2026-11-23T12:00:00+01:00', showAs: 'oof' },
  ],
};

let sim: RunningSimulator;
let token = '';
beforeAll(async () => {
  sim = await startGraphSimulator({ scenario, clock: () => Date.parse('2026-11-23T07:00:00Z') });
  token = await appToken(sim, APP_ID, SECRET);
});
afterAll(async () => {
  await sim.close();
});

async function graph(path: string, body?: unknown, prefer?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(path.startsWith('http') ? path : `${sim.graphUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(prefer ? { prefer } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('places', () => {
  it('lists rooms, passing a string capacity through as real tenants sometimes do', async () => {
    const res = await graph('/places/microsoft.graph.room');
    expect(res.status).toBe(200);
    const rooms = res.json.value as Record<string, unknown>[];
    expect(rooms.map((r) => [r.emailAddress, r.displayName, r.capacity, r.building])).toEqual([
      [AURORA, 'Aurora', 8, 'HQ'],
      [BOREALIS, 'Borealis', '12', 'Annex'],
    ]);
    expect(rooms[0]).toMatchObject({ floorNumber: 2, bookingType: 'standard', isManaged: true });
    expect(rooms[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('pages with $top', async () => {
    const first = await graph('/places/microsoft.graph.room?$top=1');
    expect((first.json.value as unknown[]).length).toBe(1);
    const second = await graph(String(first.json['@odata.nextLink']));
    expect((second.json.value as { displayName: string }[])[0]?.displayName).toBe('Borealis');
    expect(second.json['@odata.nextLink']).toBeUndefined();
  });
});

describe('mailboxSettings and users', () => {
  it("gives the room's Windows time zone and working hours", async () => {
    const res = await graph(`/users/${AURORA}/mailboxSettings`);
    expect(res.json).toMatchObject({
      timeZone: 'W. Europe Standard Time',
      userPurpose: 'room',
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '07:30:00.0000000',
        endTime: '18:00:00.0000000',
        timeZone: { name: 'W. Europe Standard Time' },
      },
    });
    expect((await graph(`/users/${AURORA}/mailboxSettings/timeZone`)).json.value).toBe('W. Europe Standard Time');
  });

  it('returns the user entity by UPN or id, and 404 Request_ResourceNotFound for strangers', async () => {
    const room = await graph(`/users/${AURORA}`);
    expect(room.json).toMatchObject({ displayName: 'Aurora', mail: AURORA, userPrincipalName: AURORA });
    const byId = await graph(`/users/${String(room.json.id)}`);
    expect(byId.json.mail).toBe(AURORA);
    const stranger = await graph('/users/nobody@contoso.com');
    expect(stranger.status).toBe(404);
    expect(stranger.json).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it('refuses /me to an app-only token', async () => {
    const res = await graph('/me');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { message: '/me request is only valid with delegated authentication flow.' } });
  });
});

describe('getSchedule', () => {
  it('answers an availability view and items per mailbox, and an error for unknown ones', async () => {
    const res = await graph(
      `/users/${AURORA}/calendar/getSchedule`,
      {
        schedules: [AURORA, BOREALIS, 'nobody@contoso.com'],
        startTime: { dateTime: '2026-11-23T08:00:00', timeZone: 'W. Europe Standard Time' },
        endTime: { dateTime: '2026-11-23T12:00:00', timeZone: 'W. Europe Standard Time' },
        availabilityViewInterval: 30,
      },
      'outlook.timezone="W. Europe Standard Time"',
    );
    expect(res.status).toBe(200);
    const [aurora, borealis, nobody] = res.json.value as Record<string, unknown>[];
    // 08:00 … 12:00 in half hours: cancelled (free), busy 09–10, free, tentative 10:30, private busy 11–11:30, free.
    expect(aurora?.availabilityView).toBe('00220120');
    expect(borealis?.availabilityView).toBe('33333333');
    const items = aurora?.scheduleItems as Record<string, unknown>[];
    expect(items.map((i) => i.status)).toEqual(['busy', 'tentative', 'busy']);
    expect(items[0]).toMatchObject({ subject: 'Planning', start: { dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'W. Europe Standard Time' } });
    expect(items[2]).toMatchObject({ isPrivate: true });
    expect(items[2]?.subject).toBeUndefined();
    expect(aurora?.workingHours).toMatchObject({ startTime: '07:30:00.0000000' });
    expect(nobody).toMatchObject({ scheduleId: 'nobody@contoso.com', error: { responseCode: 'ErrorMailRecipientNotFound' } });
  });
});
