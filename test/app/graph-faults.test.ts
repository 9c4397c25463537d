import { describe, expect, it } from 'vitest';
import { eventually, ROOM_EMAIL, useGraphCore, type GraphRun } from '../helpers/graph-core.js';

const NOW = Date.parse('2026-11-23T09:00:00Z');

const graph = useGraphCore(NOW);
const online = (calendar = {}): Promise<GraphRun> => graph.start({ calendar, until: 'details' });

describe('Graph faults: the door keeps the cache and each failure gets its own handling', () => {
  it('429: waits at least Retry-After, shows the cache offline, then recovers', async () => {
    const { sim, t, clock } = await online();
    const before = t.state();
    sim.state.faults.throttle = { retryAfterSeconds: 120 };
    let state = await t.poll();
    expect(state.sync.online).toBe(false);
    expect(state.agenda).toEqual(before.agenda);
    expect(state.status).toBe(before.status);
    // Stale data: the status LED blinks fast instead of claiming the truth.
    expect(state.leds.red).toBe('blink-fast');
    const status = t.core.sync.status();
    expect(status.failure?.kind).toBe('throttled');
    expect((status.nextAttemptAt ?? 0) - clock.now()).toBeGreaterThanOrEqual(120_000);
    // Throttling is passing weather, not the admin's to fix.
    expect(state.notices).toEqual([]);

    delete sim.state.faults.throttle;
    const requests = sim.state.stats.requestsTo('/calendarView/delta');
    state = await t.poll(60_000);
    expect(sim.state.stats.requestsTo('/calendarView/delta')).toBe(requests);
    state = await t.poll(60_000);
    expect(state.sync.online).toBe(true);
  });

  it('503 (with Retry-After, as Graph sends it): backs off exponentially while the service is down', async () => {
    const { sim, t, clock } = await online();
    sim.state.faults.unavailable = { retryAfterSeconds: 0 };
    const gaps: number[] = [];
    await t.poll();
    for (let i = 0; i < 4; i++) {
      const next = t.core.sync.status().nextAttemptAt ?? 0;
      gaps.push(next - clock.now());
      await t.poll(next - clock.now());
    }
    expect(t.core.sync.status().failure?.code).toBe('serviceNotAvailable');
    // Equal jitter: each delay lies in [half, full] of 2 s * 2^(n-1).
    gaps.forEach((gap, i) => {
      const full = 2_000 * 2 ** i;
      expect(gap).toBeGreaterThanOrEqual(full / 2);
      expect(gap).toBeLessThanOrEqual(full);
    });
    delete sim.state.faults.unavailable;
    const state = await t.poll(t.core.sync.status().nextAttemptAt! - clock.now());
    expect(state.sync.online).toBe(true);
  });

  it('a revoked access token (401): one refresh, no sign-in lost, no error shown', async () => {
    const { sim, t } = await online();
    const tokensBefore = sim.state.stats.requestsTo('/oauth2/v2.0/token');
    sim.state.expireAccessTokens();
    const added = sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'After refresh', organizer: 'ben.okafor@contoso.com', start: NOW + 3 * 3600_000, end: NOW + 4 * 3600_000 });
    const state = await t.poll();
    expect(state.sync.online).toBe(true);
    expect(state.agenda.map((m) => m.id)).toContain(added.id);
    expect(sim.state.stats.requestsTo('/oauth2/v2.0/token')).toBe(tokensBefore + 1);
  });

  it('an invalid delta token (410): the window is reloaded in full, nothing lost', async () => {
    const { sim, t } = await online();
    const before = t.state().agenda.length;
    sim.state.invalidateDeltaTokens();
    const state = await t.poll();
    expect(state.sync.online).toBe(true);
    expect(state.agenda.length).toBe(before);
    expect(sim.state.stats.byStatus[410]).toBeGreaterThanOrEqual(1);
  });

  it('latency longer than a poll: still one request in flight', async () => {
    const { sim, t, clock } = await online();
    sim.state.faults.latency = { ms: 400, path: '/calendarView/delta', count: 1 };
    const before = sim.state.stats.requestsTo('/calendarView/delta');
    clock.advanceBy(15_000);
    clock.advanceBy(15_000);
    void t.core.sync.syncNow();
    await t.core.sync.idle();
    expect(sim.state.stats.requestsTo('/calendarView/delta')).toBe(before + 1);
  });

  it('403 scoped out by an application access policy: a notice names the policy and the room', async () => {
    const { sim, t } = await online();
    sim.state.faults.scopedOutMailboxes = [ROOM_EMAIL];
    const state = await t.poll();
    expect(state.sync.online).toBe(false);
    expect(state.agenda.length).toBeGreaterThan(0);
    expect(state.notices).toHaveLength(1);
    expect(state.notices[0]?.code).toBe('scoped-out');
    expect(state.notices[0]?.message).toMatch(/application access policy/);
    expect(state.notices[0]?.message).toContain(ROOM_EMAIL);
  });

  it('404 for a room without a mailbox: the notice names the room address', async () => {
    const { sim, t } = await online();
    sim.state.faults.mailboxNotEnabled = [ROOM_EMAIL];
    const state = await t.poll();
    expect(state.notices[0]?.code).toBe('not-found');
    expect(state.notices[0]?.message).toContain(ROOM_EMAIL);
  });

  it('missing admin consent: the notice says which permission to grant', async () => {
    const { sim, t } = await online();
    sim.state.faults.consentMissing = 'graph';
    const state = await t.poll();
    expect(state.notices[0]?.code).toBe('consent-missing');
    expect(state.notices[0]?.message).toMatch(/Calendars\.ReadWrite/);
  });

  it('the network gone: offline badge data and the cache, then back', async () => {
    const { t } = await online();
    const agenda = t.state().agenda;
    await graph.killSimulator();
    const state = await t.poll();
    expect(state.sync.online).toBe(false);
    expect(state.sync.lastSuccessAt).not.toBeNull();
    expect(state.agenda).toEqual(agenda);
    expect(t.core.sync.status().failure?.kind).toBe('network');
    expect(state.notices).toEqual([]);
  });
});

describe('a wrong tenant, client id, secret or room address each get their own message', () => {
  async function firstFailure(calendar: Record<string, unknown>, room?: string): Promise<string> {
    const { t } = await graph.start({ calendar, extra: room ? { room: { email: room } } : {}, until: 'started' });
    await t.core.sync.idle();
    const notice = await eventually(() => t.state().notices[0], 'a notice');
    expect(t.state().sync.online).toBe(false);
    return notice.message;
  }

  it('wrong tenant', async () => {
    expect(await firstFailure({ tenant: '00000000-1111-4222-8333-444444444444' })).toMatch(/does not know the tenant "00000000-1111-4222-8333-444444444444".*calendar\.tenant/);
  });

  it('wrong client id', async () => {
    expect(await firstFailure({ clientId: '99999999-2222-4333-8444-555555555555' })).toMatch(/No app registration with client id 99999999-.*calendar\.clientId/);
  });

  it('wrong secret', async () => {
    expect(await firstFailure({ clientSecret: 'not-the-secret' })).toMatch(/client secret is wrong/);
  });

  it('wrong room address', async () => {
    expect(await firstFailure({}, 'auroa@contoso.com')).toMatch(/No mailbox answers at auroa@contoso\.com/);
  });
});
