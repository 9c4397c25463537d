import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appToken } from '../helpers/simulator-token.js';
import { startGraphSimulator, type RunningSimulator, type Scenario } from '../../scripts/graph-simulator/index.js';

const TENANT = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const APP_ID = '11111111-2222-4333-8444-555555555555';
const LIMITED_APP_ID = '33333333-4444-4555-8666-777777777777';
const SECRET = 'correct~horse~battery';
const AURORA = 'aurora@contoso.com';
const BOREALIS = 'borealis@contoso.com';
const VIEW = '/calendarView?startDateTime=2026-11-23T00:00:00Z&endDateTime=2026-11-24T00:00:00Z';

const scenario: Scenario = {
  tenantId: TENANT,
  clients: [
    { clientId: APP_ID, kind: 'app', secret: SECRET },
    { clientId: LIMITED_APP_ID, kind: 'app', secret: SECRET, allowedMailboxes: [AURORA] },
  ],
  users: [
    { upn: 'booking@contoso.com', displayName: 'Room Booking' },
    { upn: 'onprem@contoso.com', displayName: 'Still On Premises', hasMailbox: false },
  ],
  rooms: [
    { email: AURORA, displayName: 'Aurora', timeZone: 'W. Europe Standard Time' },
    { email: BOREALIS, displayName: 'Borealis', timeZone: 'W. Europe Standard Time' },
  ],
  events: [{ room: AURORA, subject: 'Planning', organizer: AURORA, start: '2026-11-23T09:00:00+01:00', end: '2026-11-23T10:00:00+01:00' }],
};

let sim: RunningSimulator;
let now = Date.parse('2026-11-23T07:00:00Z');
let token = '';

function getToken(clientId = APP_ID): Promise<string> {
  return appToken(sim, clientId, SECRET);
}

async function get(path: string, bearer: string | null = token): Promise<{ status: number; json: Record<string, unknown>; headers: Headers; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${sim.graphUrl}${path}`, { headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` } });
  const json = (await res.json()) as Record<string, unknown>;
  return { status: res.status, json, headers: res.headers, ms: performance.now() - started };
}

beforeAll(async () => {
  sim = await startGraphSimulator({ scenario, clock: () => now });
  token = await getToken();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.state.faults = {};
});

describe('throttling and outages', () => {
  it('answers the next N Graph requests with 429 ApplicationThrottled and Retry-After, then recovers', async () => {
    sim.state.faults.throttle = { count: 2, retryAfterSeconds: 7 };
    const before = sim.state.stats.byStatus[429] ?? 0;
    for (let i = 0; i < 2; i++) {
      const res = await get(`/users/${AURORA}${VIEW}`);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.json).toMatchObject({ error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } });
    }
    expect((await get(`/users/${AURORA}${VIEW}`)).status).toBe(200);
    expect(sim.state.faults.throttle).toBeUndefined();
    expect((sim.state.stats.byStatus[429] ?? 0) - before).toBe(2);
  });

  it('throttles only the given path, until the fault is cleared', async () => {
    sim.state.faults.throttle = { path: '/calendarView', retryAfterSeconds: 3 };
    expect((await get(`/users/${AURORA}`)).status).toBe(200);
    expect((await get(`/users/${AURORA}${VIEW}`)).status).toBe(429);
    expect((await get(`/users/${AURORA}${VIEW}`)).status).toBe(429);
    delete sim.state.faults.throttle;
    expect((await get(`/users/${AURORA}${VIEW}`)).status).toBe(200);
  });

  it('answers 503 with Retry-After', async () => {
    sim.state.faults.unavailable = { count: 1, retryAfterSeconds: 2 };
    const res = await get(`/users/${AURORA}${VIEW}`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect((await get(`/users/${AURORA}${VIEW}`)).status).toBe(200);
  });

  it('adds latency', async () => {
    sim.state.faults.latency = { ms: 300, count: 1 };
    const slow = await get(`/users/${AURORA}`);
    expect(slow.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(290);
    const fast = await get(`/users/${AURORA}`);
    expect(fast.ms).toBeLessThan(250);
  });

  it('takes faults from the scenario file too', async () => {
    const faulty = await startGraphSimulator({ scenario: { ...scenario, faults: { throttle: { count: 1, retryAfterSeconds: 5 } } } });
    try {
      const res = await fetch(`${faulty.graphUrl}/users/${AURORA}`);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('5');
    } finally {
      await faulty.close();
    }
  });
});

describe('access', () => {
  it('keeps app-only tokens out of scoped-out mailboxes with 403 ErrorAccessDenied (RAOP)', async () => {
    sim.state.faults.scopedOutMailboxes = [BOREALIS];
    const res = await get(`/users/${BOREALIS}${VIEW}`);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({
      error: { code: 'ErrorAccessDenied', message: 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.' },
    });
    expect((await get(`/users/${AURORA}${VIEW}`)).status).toBe(200);
  });

  it("enforces a client's allowedMailboxes the same way", async () => {
    const limited = await getToken(LIMITED_APP_ID);
    expect((await get(`/users/${AURORA}${VIEW}`, limited)).status).toBe(200);
    expect((await get(`/users/${BOREALIS}${VIEW}`, limited)).json).toMatchObject({ error: { code: 'ErrorAccessDenied' } });
  });

  it('answers 404 for unknown mailboxes and mailboxes without Exchange Online', async () => {
    const unknown = await get(`/users/nobody@contoso.com${VIEW}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: { code: 'ErrorInvalidUser' } });
    const onPrem = await get(`/users/onprem@contoso.com${VIEW}`);
    expect(onPrem.status).toBe(404);
    expect(onPrem.json).toMatchObject({ error: { code: 'MailboxNotEnabledForRESTAPI' } });
    sim.state.faults.mailboxNotEnabled = [BOREALIS];
    expect((await get(`/users/${BOREALIS}${VIEW}`)).json).toMatchObject({ error: { code: 'MailboxNotEnabledForRESTAPI' } });
  });

  it('answers 401 without a token, after tokens are expired, and once a token outlives its lifetime', async () => {
    const missing = await get(`/users/${AURORA}`, null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer /);

    const doomed = await getToken();
    expect(sim.state.expireAccessTokens()).toBeGreaterThanOrEqual(1);
    const expired = await get(`/users/${AURORA}`, doomed);
    expect(expired.status).toBe(401);
    expect(expired.json).toMatchObject({ error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' } });

    token = await getToken();
    expect((await get(`/users/${AURORA}`)).status).toBe(200);
    now += 3600_000;
    try {
      expect((await get(`/users/${AURORA}`)).status).toBe(401);
      token = await getToken();
      expect((await get(`/users/${AURORA}`)).status).toBe(200);
    } finally {
      now -= 3600_000;
      token = await getToken();
    }
  });

  it('answers 403 Authorization_RequestDenied when consent is missing on the Graph side', async () => {
    sim.state.faults.consentMissing = 'graph';
    const res = await get(`/users/${AURORA}${VIEW}`);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
  });
});

describe('stats', () => {
  it('counts requests and response bytes per path', async () => {
    sim.state.stats.reset();
    const path = `/users/${AURORA}/calendarView`;
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${sim.graphUrl}${path}?startDateTime=2026-11-23T00:00:00Z&endDateTime=2026-11-24T00:00:00Z`, { headers: { authorization: `Bearer ${token}` } });
      bytes += (await res.arrayBuffer()).byteLength;
    }
    const stats = sim.state.stats;
    expect(stats.byPath[`/v1.0${path}`]).toEqual({ requests: 3, bytesSent: bytes, statuses: { 200: 3 } });
    expect(stats.requests).toBe(3);
    expect(stats.bytesSent).toBe(bytes);
    expect(stats.requestsTo('calendarview')).toBe(3);
    expect(stats.log.at(-1)).toMatchObject({ method: 'GET', status: 200, search: expect.stringContaining('startDateTime') as unknown });
  });
});

describe('fault paths', () => {
  it('match anywhere in the path, or only at its end with a trailing $', async () => {
    const { takeLatency } = await import('../../scripts/graph-simulator/faults.js');
    const faults = { latency: { ms: 500, path: '/calendarView$', count: 1 } };
    expect(takeLatency(faults, '/v1.0/users/aurora@contoso.com/calendarView/delta')).toBe(0);
    expect(takeLatency(faults, '/v1.0/users/aurora@contoso.com/calendarView')).toBe(500);
    expect(faults.latency).toBeUndefined();
    expect(takeLatency({ latency: { ms: 7, path: '/calendarview' } }, '/v1.0/users/a/calendarView/delta')).toBe(7);
  });
});
