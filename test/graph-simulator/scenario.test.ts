import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs, startFromCli } from '../../scripts/graph-simulator/cli.js';
import { loadScenarioFile, parseScenario, ScenarioError, startGraphSimulator, type Scenario } from '../../scripts/graph-simulator/index.js';

const SCENARIOS = fileURLToPath(new URL('../../scripts/graph-simulator/scenarios/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'graph-sim-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const valid: Scenario = {
  tenantId: 't1',
  clients: [{ clientId: 'app', kind: 'app', secret: 's' }],
  users: [{ upn: 'booking@contoso.com', displayName: 'Booking' }],
  rooms: [{ email: 'aurora@contoso.com', displayName: 'Aurora', timeZone: 'W. Europe Standard Time' }],
  events: [{ room: 'aurora@contoso.com', subject: 'x', organizer: 'booking@contoso.com', start: 'today 09:00', end: 'today 10:00' }],
};

function problems(value: unknown): string {
  try {
    parseScenario(value, 'test.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario validation', () => {
  it('accepts a good scenario and fills in defaults', () => {
    const s = parseScenario(valid);
    expect(s.accessTokenLifetimeSeconds).toBe(3599);
    expect(s.rooms[0]?.bookingAssistant).toMatchObject({ autoAccept: true, delayMs: 500, bookingWindowDays: 180, addOrganizerToSubject: false });
  });

  it('names the bad field, the bad value and what would be good', () => {
    const message = problems({ ...valid, rooms: [{ ...valid.rooms?.[0], timeZone: 'Mars/Olympus' }] });
    expect(message).toContain('Scenario test.json is invalid');
    expect(message).toContain('rooms[0].timeZone: "Mars/Olympus" is not a known time zone');
    expect(message).toContain('W. Europe Standard Time');
  });

  it('reports unknown keys, wrong types and broken references', () => {
    expect(problems({ ...valid, rooms: [{ ...valid.rooms?.[0], capcity: 8 }] })).toMatch(/rooms\[0\]: Unrecognized key: "capcity"/);
    expect(problems({ ...valid, clients: [{ clientId: 'app', kind: 'app' }] })).toContain('clients[0]: an "app" client needs a "secret"');
    expect(problems({ ...valid, events: [{ ...valid.events?.[0], room: 'nowhere@contoso.com' }] })).toContain('events[0].room: "nowhere@contoso.com" is not one of the scenario\'s rooms');
    expect(problems({ ...valid, events: [{ ...valid.events?.[0], start: '2026-11-23T09:00:00' }] })).toContain('events[0].start: "2026-11-23T09:00:00" is neither an ISO time with an offset');
    expect(problems({ ...valid, faults: { throttle: { count: 'two' } } })).toContain('faults.throttle.count');
    expect(problems({ ...valid, tenantId: undefined })).toContain('tenantId');
  });

  it('reports unreadable files and bad JSON with the file name', async () => {
    const path = join(tmp, 'broken.json');
    writeFileSync(path, '{ "tenantId": ');
    await expect(loadScenarioFile(path)).rejects.toThrow(`Scenario ${path} is invalid:\n  - (top level): is not valid JSON`);
    await expect(startGraphSimulator({ scenario: { ...valid, rooms: [] } })).rejects.toThrow(ScenarioError);
  });

  it('ships scenarios that validate', async () => {
    const basic = await loadScenarioFile(join(SCENARIOS, 'basic.json'));
    expect(basic.clients.map((c) => c.kind).sort()).toEqual(['app', 'public']);
    expect(basic.rooms).toHaveLength(2);
    expect(basic.rooms.some((r) => typeof r.capacity === 'string')).toBe(true);
    const defaults = await loadScenarioFile(join(SCENARIOS, 'room-mailbox-defaults.json'));
    expect(defaults.rooms[0]?.bookingAssistant).toMatchObject({ addOrganizerToSubject: true, deleteSubject: true });
  });

  it('places relative times on the simulator day in the room zone', async () => {
    // 23:30 UTC on Sunday is already Monday in Berlin: "today" must be Monday there.
    const sim = await startGraphSimulator({ scenario: valid, clock: () => Date.parse('2026-11-22T23:30:00Z') });
    try {
      const [event] = sim.state.eventsOf('aurora@contoso.com');
      expect(new Date(event?.startMs ?? 0).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    } finally {
      await sim.close();
    }
  });
});

describe('command line', () => {
  it('parses flags and rejects bad ones', () => {
    expect(parseCliArgs(['--port', '4000', '--scenario', 'x.json'])).toEqual({ port: 4000, scenarioPath: 'x.json' });
    expect(parseCliArgs(['--port=0'])).toEqual({ port: 0 });
    expect(parseCliArgs(['--help'])).toBe('help');
    expect(() => parseCliArgs(['--port', 'eighty'])).toThrow(CliUsageError);
    expect(() => parseCliArgs(['--colour'])).toThrow('unknown flag "--colour"');
  });

  it('starts on the default scenario and prints where it listens', async () => {
    const lines: string[] = [];
    const sim = await startFromCli({ port: 0 }, (line) => lines.push(line));
    try {
      expect(lines[0]).toBe(`Graph simulator listening on ${sim.url}`);
      expect(lines.join('\n')).toContain('basic.json');
      const res = await fetch(`${sim.url}/`);
      expect(((await res.json()) as { authority: string }).authority).toBe(sim.authority);
    } finally {
      await sim.close();
    }
  });
});
