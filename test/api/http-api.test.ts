import { afterEach, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src/api/http-server.js';
import type { ApiResult, RoomStateJson } from '../../src/api/contract.js';
import { silentLogger } from '../../src/util/logger.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { rawRequest } from '../helpers/http.js';
import { SseReader } from '../helpers/sse.js';

// 10:02 in Berlin (UTC+1 in November): the demo day is anchored here.
const NOW = Date.parse('2026-11-23T09:02:00Z');
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;

let running: TestCore | null = null;
const readers: SseReader[] = [];
afterEach(async () => {
  for (const r of readers.splice(0)) r.close();
  await running?.close();
  running = null;
});

async function core(): Promise<TestCore> {
  running = await startTestCore({ now: NOW });
  return running;
}

describe('HTTP API', () => {
  it('answers /healthz', async () => {
    const { core: c } = await core();
    const res = await rawRequest(c.http.port, '/healthz');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { status: 'ok' } });
  });

  it('serves RoomState as JSON with every documented field, times ISO 8601 with the room offset', async () => {
    const { core: c } = await core();
    const res = await rawRequest(c.http.port, '/api/v1/state');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const body = JSON.parse(res.body) as ApiResult<RoomStateJson>;
    if (!body.ok) throw new Error('expected ok');
    const s = body.value;
    expect(s.room).toEqual({ name: 'Aurora', email: 'aurora.demo@lintel.invalid', timeZone: 'Europe/Berlin', capacity: 8 });
    expect(s.status).toBe('busy');
    expect(s.statusLabel).toBe('Busy');
    expect(s.current?.subject).toBe('Product sync');
    expect(s.next?.subject).toBe('Customer call — Contoso');
    expect(s.busyUntil).toBe('2026-11-23T10:05:00+01:00');
    expect(s.freeUntil).toBeNull();
    expect(s.sync).toEqual({ source: 'demo', online: true, lastSuccessAt: '2026-11-23T10:02:00+01:00' });
    expect(s.leds).toEqual({ red: 'on', green: 'off', amber: 'off' });
    expect(s.agenda.length).toBeGreaterThanOrEqual(9);
    for (const m of s.agenda) {
      expect(Object.keys(m)).toEqual(expect.arrayContaining(['id', 'subject', 'organizer', 'start', 'end', 'isPrivate', 'isAllDay']));
      expect(m.start).toMatch(ISO_WITH_OFFSET);
      expect(m.end).toMatch(ISO_WITH_OFFSET);
    }
    expect(s.agenda.find((m) => m.isPrivate)?.subject).toBe('Private meeting');
    expect(s.agenda.find((m) => m.isPrivate)?.organizer).toBeNull();
  });

  it('refuses a foreign Host header (DNS rebinding) and accepts loopback names', async () => {
    const { core: c } = await core();
    const port = c.http.port;
    expect((await rawRequest(port, '/api/v1/state', { host: 'evil.example' })).status).toBe(421);
    expect((await rawRequest(port, '/api/v1/state', { host: `127.0.0.1:${port + 1}` })).status).toBe(421);
    expect((await rawRequest(port, '/api/v1/state', { host: `localhost:${port}` })).status).toBe(200);
    expect((await rawRequest(port, '/api/v1/state', { host: `[::1]:${port}` })).status).toBe(200);
  });

  it('refuses writes and unknown endpoints with an error result', async () => {
    const { core: c } = await core();
    const post = await rawRequest(c.http.port, '/api/v1/state', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(JSON.parse(post.body)).toMatchObject({ ok: false, error: { code: 'METHOD_NOT_ALLOWED' } });
    const missing = await rawRequest(c.http.port, '/api/v1/nope');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('streams the current state at once, then one event per new state as meetings end and start', async () => {
    const t = await core();
    const reader = await SseReader.open(`${t.core.http.url}api/v1/stream`);
    readers.push(reader);
    expect(reader.headers()['content-type']).toMatch(/text\/event-stream/);
    const first = await reader.waitFor(1);
    expect(first.status).toBe('busy');

    // 10:05 the product sync ends; the customer call at 10:15 is within 10 min: "soon".
    t.clock.advanceTo(Date.parse('2026-11-23T09:05:00Z'));
    const second = await reader.waitFor(2);
    expect(second.status).toBe('soon');
    expect(second.freeUntil).toBe('2026-11-23T10:15:00+01:00');
    expect(second.leds).toEqual({ red: 'off', green: 'off', amber: 'on' });

    t.clock.advanceTo(Date.parse('2026-11-23T09:15:00Z'));
    const third = await reader.waitFor(3);
    expect(third.status).toBe('busy');
    expect(third.current?.subject).toBe('Customer call — Contoso');
    // Back-to-back call, retro and tentative hiring sync (10:15-12:00) merge into one busy stretch.
    expect(third.busyUntil).toBe('2026-11-23T12:00:00+01:00');
    expect(reader.states).toHaveLength(3);
  });

  it('says so when the port is taken', async () => {
    const { core: c } = await core();
    await expect(startHttpServer({ feed: c.hub, logger: silentLogger(), staticDir: null, port: c.http.port })).rejects.toMatchObject({
      code: 'PORT_IN_USE',
      message: expect.stringMatching(new RegExp(`Port ${c.http.port} .* already in use.*--port`)),
    });
  });
});
