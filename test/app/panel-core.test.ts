import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextWallClock } from '../../src/app/panel-wiring.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

// The demo day is anchored at 10:00 Berlin: busy 10:15–12:00, then free until 15:00.
const ANCHOR = Date.parse('2026-11-23T09:00:00Z');
const at = (hhmm: string): number => Date.parse(`2026-11-23T${hhmm}:00+01:00`);

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('the door on a simulated e-paper panel', () => {
  it('draws the door in full at start, then partially when the room changes, and not when nothing visible did', async () => {
    t = await startTestCore({ now: ANCHOR, config: { panel: { type: 'waveshare-7in5-v2', simulate: true, minIntervalSeconds: 0 } } });
    t.clock.advanceTo(at('10:20'));
    const panel = t.core.panel;
    if (!panel) throw new Error('the panel should have started');
    expect(panel.description).toBe('Waveshare 7.5in V2 (800×480, simulated)');
    await panel.controller.idle();
    // Started at 10:00 ("soon"), in full; the meeting began at 10:15: one partial refresh.
    await vi.waitFor(() => expect(panel.controller.counts()).toMatchObject({ full: 1, partial: 1, lastError: null }));
    await vi.waitFor(() => expect(existsSync(panel.preview ?? '')).toBe(true));

    // Minutes pass inside the meeting: nothing the panel shows changes, so it is left alone.
    t.clock.advanceTo(at('10:50'));
    await panel.controller.idle();
    expect(panel.controller.counts()).toMatchObject({ full: 1, partial: 1 });

    t.clock.advanceTo(at('12:01'));
    await panel.controller.idle();
    expect(t.core.hub.current().status).toBe('free');
    // The jump passes 11:00, 11:30 and 12:00: the first change is drawn while the clock is still
    // moving; the ones that arrive during that draw merge into a single redraw of the newest.
    expect(panel.controller.counts()).toMatchObject({ full: 1, partial: 3 });
    expect(panel.controller.counts().bytesSent).toBeGreaterThan(96_000);
  });

  it('keeps the door running when the panel cannot start, and says why', async () => {
    t = await startTestCore({ now: ANCHOR, config: { panel: { type: 'waveshare-7in5-v2', spiDevice: '/dev/spidev9.9' }, gpio: { driver: 'simulated' } } });
    expect(t.core.panel).toBeNull();
    expect(t.core.hub.current().room.name).toBe('Aurora');
  });

  it('plans the nightly full refresh at the wall-clock time in the room zone', () => {
    expect(nextWallClock(at('02:00'), '03:00', 'Europe/Berlin')).toBe(at('03:00'));
    expect(nextWallClock(at('03:00'), '03:00', 'Europe/Berlin')).toBe(Date.parse('2026-11-24T03:00:00+01:00'));
  });
});
