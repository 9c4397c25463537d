import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKEN_CACHE_FILE } from '../../src/auth/msal-setup.js';
import { basicScenario, eventually, ROOM_EMAIL, useGraphCore, type GraphRun } from '../helpers/graph-core.js';

// 10:00 in Berlin on a weekday: "Quarterly planning" (09:00-10:30) is on.
const NOW = Date.parse('2026-11-23T09:00:00Z');

const graph = useGraphCore(NOW);
const appCore = (calendar = {}): Promise<GraphRun> => graph.start({ calendar });

describe('core on Microsoft Graph with app credentials (client secret, real MSAL)', () => {
  it('mirrors the room calendar, reads the room details and keeps the token cache private', async () => {
    const { t } = await appCore();
    await t.core.sync.idle();
    await eventually(() => t.state().room.capacity === 8, 'room details from places');
    const state = t.state();
    expect(state.sync.source).toBe('graph');
    expect(state.room).toEqual({ name: 'Aurora', email: ROOM_EMAIL, timeZone: 'Europe/Berlin', capacity: 8 });
    expect(state.status).toBe('busy');
    expect(state.current?.subject).toBe('Quarterly planning');
    expect(state.current?.organizer).toBe('Anna Schmidt');
    expect(state.agenda.find((m) => m.subject === 'Private meeting')?.isPrivate).toBe(true);
    expect(JSON.stringify(state)).not.toContain('1:1 Anna / Ben');
    expect(state.notices).toEqual([]);
    expect(statSync(join(t.dataDir, TOKEN_CACHE_FILE)).mode & 0o777).toBe(0o600);
  });

  it('shows an event added, moved and deleted in Microsoft 365 after one poll', async () => {
    const { sim, t } = await appCore();
    const added = sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Walk-in review', organizer: 'ben.okafor@contoso.com', start: NOW + 4 * 3600_000, end: NOW + 5 * 3600_000 });
    let state = await t.poll();
    expect(state.agenda.map((m) => m.subject)).toContain('Walk-in review');

    sim.state.moveEvent(added.id, NOW + 6 * 3600_000, NOW + 7 * 3600_000);
    state = await t.poll();
    const moved = state.agenda.find((m) => m.subject === 'Walk-in review');
    expect(moved?.start).toBe('2026-11-23T16:00:00+01:00');

    sim.state.deleteEvent(added.id);
    state = await t.poll();
    expect(state.agenda.map((m) => m.subject)).not.toContain('Walk-in review');
  });
});

describe('room details', () => {
  it('are read again daily: a renamed, resized room shows the next day', async () => {
    const { sim, t, clock } = await graph.start({ until: 'details' });
    expect(t.state().room).toMatchObject({ name: 'Aurora', capacity: 8 });
    const room = sim.state.directory.rooms.find((m) => m.email === ROOM_EMAIL);
    if (!room?.room) throw new Error('scenario room missing');
    room.displayName = 'Aurora (refurbished)';
    room.room = { ...room.room, capacity: 12 };
    clock.advanceBy(60 * 60_000);
    await t.core.sync.idle();
    expect(t.state().room.capacity).toBe(8);
    clock.advanceBy(24 * 60 * 60_000);
    const state = await eventually(() => (t.state().room.capacity === 12 ? t.state() : null), 'the daily room details');
    expect(state.room.name).toBe('Aurora (refurbished)');
  });
});

describe('what the admin and the corridor see', () => {
  it('warns on the door from 30 days before the client secret expires', async () => {
    const expires = new Date(NOW + 12 * 86_400_000).toISOString().slice(0, 10);
    const { t, clock } = await appCore({ clientSecretExpires: expires });
    const logged = (): Record<string, unknown>[] => t.logLines().filter((l) => l.event === 'auth.credential-expiry');
    expect(logged()).toHaveLength(1);
    expect(logged()[0]?.msg).toMatch(/client secret expires in 12 days/);
    clock.advanceBy(86_400_000);
    expect(logged()).toHaveLength(2);
    expect(logged()[1]?.msg).toMatch(/expires in 11 days/);
    expect(JSON.stringify(t.logLines())).not.toContain('lintel-simulator-secret');
    expect(JSON.stringify(t.logLines())).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(t.state().notices).toEqual([
      { code: 'secret-expiry', severity: 'warning', message: expect.stringMatching(/client secret expires in 11 days.*create a new secret in Entra ID/) as unknown },
    ]);
  });

  it('a room mailbox that rewrites subjects to the organizer shows the name once', async () => {
    const scenario = await basicScenario();
    const rooms = (scenario.rooms ?? []).map((r) =>
      r.email === ROOM_EMAIL ? { ...r, bookingAssistant: { ...r.bookingAssistant, addOrganizerToSubject: true, deleteSubject: true, delayMs: 0 } } : r,
    );
    const { t } = await graph.start({
      scenario: { ...scenario, rooms },
      prepare: (sim) => sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Ben Okafor', organizer: 'ben.okafor@contoso.com', start: NOW + 2 * 3600_000, end: NOW + 3 * 3600_000 }),
    });
    const rewritten = t.state().agenda.find((m) => m.subject === 'Ben Okafor');
    expect(rewritten?.organizer).toBeNull();
  });

  it('privacy "reserved" hides every subject and organizer', async () => {
    const { t } = await graph.start({ extra: { display: { privacy: 'reserved' } } });
    const state = t.state();
    expect(state.agenda.length).toBeGreaterThan(3);
    expect(new Set(state.agenda.map((m) => (m.isPrivate ? 'private' : m.subject)))).toEqual(new Set(['Reserved', 'private']));
    expect(state.agenda.every((m) => m.organizer === null)).toBe(true);
    expect(JSON.stringify(state)).not.toMatch(/Quarterly|Anna|Ben/);
  });
});
