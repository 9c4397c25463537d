// Bench rows for issue 5: e-paper render + pack time, bytes of a typical partial update, panel
// refreshes over a busy simulated day, and how fast a RoomState change reaches the LED pins.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedGpio } from '../hardware/gpio/simulated-gpio.js';
import type { DoorContent } from '../hardware/eink/panel-content.js';
import { renderPanel } from '../hardware/eink/render/render-panel.js';
import { SpiEpaperPanel } from '../hardware/eink/spi-epaper-panel.js';
import { Epd7in5V2 } from '../hardware/eink/spi/epd7in5-v2.js';
import { SimulatedEpd } from '../hardware/eink/spi/simulated-epd.js';
import { startCore } from '../src/app/start-core.js';
import { resolveConfig } from '../src/config/load-config.js';
import { panelContentFromState } from '../src/panel/panel-content-from-state.js';
import { createLogger } from '../src/util/logger.js';
import { ManualClock } from '../src/util/manual-clock.js';

export interface HardwareBench {
  renderColdMs: number;
  renderWarmMs: number[];
  partialBytes: number;
  fullBytes: number;
  dayVisibleChanges: number;
  dayRefreshes: number;
  ledLatencyMs: number[];
}

const BUSY: DoorContent = {
  kind: 'door',
  roomName: 'Aurora',
  status: 'busy',
  statusWord: 'Busy',
  statusDetail: 'until 11:30',
  current: { time: '10:00–11:30', subject: 'Quarterly planning — EMEA sales' },
  nextHeading: 'Next',
  next: [
    { time: '12:00–12:30', subject: 'Sprint retrospective' },
    { time: '14:00–15:00', subject: 'Interview panel' },
  ],
  emptyNext: 'No more meetings today',
  date: 'Monday 23 November',
  notice: null,
};

async function renderTimes(): Promise<{ cold: number; warm: number[] }> {
  const t0 = performance.now();
  await renderPanel(BUSY, { width: 800, height: 480 });
  const cold = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await renderPanel({ ...BUSY, statusDetail: `until 11:${String(30 + i).padStart(2, '0')}` }, { width: 800, height: 480 });
    warm.push(performance.now() - t);
  }
  return { cold, warm };
}

/** A meeting is extended by 15 minutes: only "until …" changes, the typical partial update. */
async function partialBytes(): Promise<{ full: number; partial: number }> {
  const gpio = new SimulatedGpio();
  const epd = new SimulatedEpd({ model: '7in5_V2', gpio });
  const panel = new SpiEpaperPanel(new Epd7in5V2({ bus: epd, gpio }), 0, 'simulated');
  await panel.open();
  const full = await panel.draw(BUSY, 'full');
  const partial = await panel.draw({ ...BUSY, statusDetail: 'until 11:45' }, 'partial');
  await panel.close();
  if (epd.errors.length > 0) throw new Error(`the simulated panel saw protocol errors: ${epd.errors.join('; ')}`);
  return { full: full.bytesSent, partial: partial.bytesSent };
}

/** Twelve hours of the demo room's day on a simulated 7.5" panel, minute by minute. */
async function busyDay(): Promise<{ changes: number; refreshes: number; ledLatencyMs: number[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lintel-bench-hw-'));
  const start = Date.parse('2026-11-23T07:00:00+01:00');
  const clock = new ManualClock(start);
  const config = resolveConfig(
    { room: { timeZone: 'Europe/Berlin' }, gpio: { driver: 'simulated' }, leds: { driver: 'gpio', red: 16, green: 20, amber: 21 }, panel: { type: 'waveshare-7in5-v2', simulate: true } },
    null,
  );
  const core = await startCore({ config, dataDir, clock, logger: createLogger('error'), staticDir: null, port: 0 });
  const gpio = core.hardware.simulatedGpio;
  const panel = core.panel;
  if (!gpio || !panel) throw new Error('the bench needs simulated GPIO and a simulated panel');
  let changes = 0;
  let shown = '';
  const count = (): void => {
    const key = JSON.stringify(panelContentFromState(core.hub.current()));
    if (key !== shown) changes++;
    shown = key;
  };
  count();
  // The LED pins are written inside the state change itself; time from the clock's tick to the pin.
  const ledLatencyMs: number[] = [];
  let tickAt: number | null = null;
  // Blinking toggles pins on its own timer between ticks: only writes caused by a state change count.
  gpio.onOutput(() => {
    if (tickAt !== null) ledLatencyMs.push(performance.now() - tickAt);
  });
  core.hub.subscribe(count);
  for (let minute = 1; minute <= 12 * 60; minute++) {
    tickAt = performance.now();
    clock.advanceTo(start + minute * 60_000);
    tickAt = null;
    await panel.controller.idle();
  }
  const { full, partial } = panel.controller.counts();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { changes, refreshes: full + partial, ledLatencyMs };
}

export async function benchHardware(progress: (s: string) => void): Promise<HardwareBench> {
  progress('  e-paper render and pack');
  const render = await renderTimes();
  progress('  e-paper partial update bytes');
  const bytes = await partialBytes();
  progress('  a busy day on a simulated e-paper panel');
  const day = await busyDay();
  return {
    renderColdMs: render.cold,
    renderWarmMs: render.warm,
    partialBytes: bytes.partial,
    fullBytes: bytes.full,
    dayVisibleChanges: day.changes,
    dayRefreshes: day.refreshes,
    ledLatencyMs: day.ledLatencyMs,
  };
}
