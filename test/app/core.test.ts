import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedLeds } from '../../hardware/leds/simulated-leds.js';
import { ensureDataDir } from '../../src/app/data-dir.js';
import { DemoCalendarSource } from '../../src/calendar/demo-source.js';
import type { CalendarSource, SyncRequest, SyncResult } from '../../src/calendar/source.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { memoryLogger } from '../helpers/memory-logger.js';

const NOW = Date.parse('2026-11-23T09:02:00Z');
let running: TestCore | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** The demo calendar behind a switch that cuts the network. */
class FlakySource implements CalendarSource {
  readonly kind = 'demo';
  down = false;
  calls = 0;
  private readonly inner = new DemoCalendarSource('Europe/Berlin');
  room() {
    return this.inner.room();
  }
  sync(request: SyncRequest): Promise<SyncResult> {
    this.calls += 1;
    if (this.down) return Promise.reject(new Error('getaddrinfo ENOTFOUND graph.microsoft.com'));
    return this.inner.sync(request);
  }
}

describe('the core', () => {
  it('writes the demo day through the store and derives from it', async () => {
    running = await startTestCore({ now: NOW });
    const { core } = running;
    const cached = core.store.events(NOW - 86_400_000, NOW + 86_400_000);
    expect(cached.length).toBe(11);
    expect(core.hub.current().agenda.length).toBe(cached.length);
  });

  it('keeps showing the cache when the source fails, says offline, and recovers', async () => {
    const source = new FlakySource();
    const { logger, lines } = memoryLogger();
    running = await startTestCore({ now: NOW, source, logger });
    const t = running;
    expect(t.core.hub.current().sync.online).toBe(true);
    source.down = true;
    t.clock.advanceBy(15_000);
    await t.core.sync.syncNow();
    const offline = t.core.hub.current();
    expect(offline.sync.online).toBe(false);
    expect(offline.sync.lastSuccessAt).toBe('2026-11-23T10:02:00+01:00');
    expect(offline.status).toBe('busy');
    expect(offline.agenda.length).toBe(11);
    expect(offline.leds).toEqual({ red: 'blink-fast', green: 'off', amber: 'off' });
    expect(lines().filter((l) => l.event === 'sync.failed')).toHaveLength(1);
    source.down = false;
    t.clock.advanceBy(15_000);
    await t.core.sync.syncNow();
    expect(t.core.hub.current().sync.online).toBe(true);
    expect(t.core.hub.current().leds.red).toBe('on');
  });

  it('never sends two requests at once', async () => {
    const source = new FlakySource();
    running = await startTestCore({ now: NOW, source });
    const before = source.calls;
    await Promise.all([running.core.sync.syncNow(), running.core.sync.syncNow(), running.core.sync.syncNow()]);
    expect(source.calls).toBe(before + 1);
  });

  it('drives the simulated LEDs from RoomState as the status changes', async () => {
    running = await startTestCore({ now: NOW });
    const leds = running.core.leds;
    expect(leds).toBeInstanceOf(SimulatedLeds);
    const sim = leds as SimulatedLeds;
    expect(sim.current()).toEqual({ red: 'on', green: 'off', amber: 'off' });
    running.clock.advanceTo(Date.parse('2026-11-23T09:05:00Z'));
    expect(sim.current()).toEqual({ red: 'off', green: 'off', amber: 'on' });
    expect(running.core.hub.current().leds).toEqual(sim.current());
    await running.core.close();
    expect(sim.isOpen()).toBe(false);
    expect(sim.current()).toEqual({ red: 'off', green: 'off', amber: 'off' });
    running = null;
  });

  it('re-derives at the next boundary with one timer, not by polling', async () => {
    running = await startTestCore({ now: NOW });
    // One timer for the state, one for the next sync.
    expect(running.clock.pending()).toBe(2);
  });
});

describe('the data dir', () => {
  it('is created with mode 0700 when missing', () => {
    const parent = mkdtempSync(join(tmpdir(), 'lintel-dd-'));
    const dir = join(parent, 'nested', 'data');
    ensureDataDir(dir);
    expect(existsSync(dir)).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    rmSync(parent, { recursive: true });
  });
});
