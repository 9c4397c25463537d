// `npm run bench`: start-up, memory, idle CPU and first paint of the door display, and the Graph sync's
// request rate, idle poll size and change latency, against the targets in the issues.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { benchGraph } from './bench-graph.js';
import { benchTouch, GRAPH_LATENCY_MS } from './bench-touch.js';
import { benchHardware } from './bench-hardware.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'lintel.js');
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const RUNS = 5;
const CLOCK_TICKS_PER_SECOND = 100;

interface Row {
  metric: string;
  value: number;
  unit: string;
  target: number;
  /** How the value must compare with the target. */
  cmp?: '<' | '≤';
  note: string;
}

const meets = (r: Row): boolean => (r.cmp === '≤' ? r.value <= r.target : r.value < r.target);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function startHeadless(dataDir: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [BIN, 'start', '--headless', '--port', '0', '--data-dir', dataDir, '--unpaired', 'demo'], {
    env: { ...process.env, LINTEL_LOG_LEVEL: 'warn', DISPLAY: '', WAYLAND_DISPLAY: '' },
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`lintel exited with ${code}`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Spawn to the first 200 from /api/v1/state, on an empty data dir. */
async function coldStartMs(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'lintel-bench-'));
  const t0 = performance.now();
  const { child, url } = startHeadless(dir);
  const base = await url;
  for (;;) {
    const res = await fetch(`${base}api/v1/state`).catch(() => null);
    if (res?.ok) {
      await res.arrayBuffer();
      break;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const elapsed = performance.now() - t0;
  await stop(child);
  rmSync(dir, { recursive: true, force: true });
  return elapsed;
}

function procCpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

function procRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:')) ?? '';
  return Number(/(\d+)/.exec(line)?.[1] ?? NaN) / 1024;
}

async function idle(): Promise<{ rssMb: number; cpuPercent: number; url: string; child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'lintel-bench-'));
  const { child, url } = startHeadless(dir);
  const base = await url;
  const pid = child.pid ?? 0;
  const ticks0 = procCpuTicks(pid);
  const t0 = performance.now();
  process.stdout.write(`  idling ${IDLE_SECONDS} s`);
  for (let s = 0; s < IDLE_SECONDS; s += 10) {
    await new Promise((r) => setTimeout(r, Math.min(10, IDLE_SECONDS - s) * 1000));
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  const seconds = (performance.now() - t0) / 1000;
  const cpuPercent = ((procCpuTicks(pid) - ticks0) / CLOCK_TICKS_PER_SECOND / seconds) * 100;
  return { rssMb: procRssMb(pid), cpuPercent, url: base, child, dir };
}

async function firstContentfulPaintMs(url: string): Promise<number> {
  const browser = await chromium.launch({
    executablePath: process.env.LINTEL_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 800, height: 480 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('status-word').waitFor();
    const fcp = await page.evaluate(async () => {
      for (;;) {
        const entry = performance.getEntriesByName('first-contentful-paint')[0];
        if (entry) return entry.startTime;
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    samples.push(fcp);
    await context.close();
  }
  await browser.close();
  return median(samples);
}

async function main(): Promise<void> {
  process.stdout.write(`Lintel bench (node ${process.version}, ${RUNS} runs where repeated)\n`);
  process.stdout.write('  cold starts');
  const starts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    starts.push(await coldStartMs());
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  const idleRun = await idle();
  process.stdout.write('  first paints\n');
  const fcp = await firstContentfulPaintMs(idleRun.url);
  await stop(idleRun.child);
  rmSync(idleRun.dir, { recursive: true, force: true });
  const graph = await benchGraph((s) => process.stdout.write(`${s}\n`));
  const touch = await benchTouch((s) => process.stdout.write(`${s}\n`));
  const hw = await benchHardware((s) => process.stdout.write(`${s}\n`));

  const rows: Row[] = [
    { metric: 'cold start → first state served', value: median(starts), unit: 'ms', target: 400, note: `median of ${RUNS}, min ${Math.min(...starts).toFixed(0)}` },
    { metric: `RSS after ${IDLE_SECONDS} s`, value: idleRun.rssMb, unit: 'MB', target: 90, note: 'headless core, demo room' },
    { metric: `CPU over ${IDLE_SECONDS} s idle`, value: idleRun.cpuPercent, unit: '% core', target: 1, note: 'utime+stime from /proc' },
    { metric: 'renderer first contentful paint', value: fcp, unit: 'ms', target: 800, note: `headless Chromium 800×480, median of ${RUNS}` },
    { metric: 'Graph requests per idle hour', value: graph.requestsPerIdleHour, unit: 'req', target: 240, cmp: '≤', note: `15 s polling, simulator; token renewals (~1/h by MSAL's wall clock) not included, ${graph.tokenRequestsPerIdleHour} seen` },
    { metric: 'bytes received per idle poll', value: graph.bytesPerIdlePoll, unit: 'B', target: 2048, cmp: '≤', note: 'calendarView/delta with nothing changed' },
    { metric: 'change → state latency p50', value: graph.latencyP50Ms / 1000, unit: 's', target: 16, cmp: '≤', note: '200 changes at seeded random moments, 15 s polling' },
    { metric: 'change → state latency p95', value: graph.latencyP95Ms / 1000, unit: 's', target: 16, cmp: '≤', note: 'wait for the next poll (scheduled) + sync and publish (measured)' },
    { metric: 'touch → feedback (Book now → sheet)', value: Math.max(...touch.sheetMs), unit: 'ms', target: 100, note: `worst of ${touch.sheetMs.length}, median ${median(touch.sheetMs).toFixed(0)} ms; headless Chromium, click → frame` },
    { metric: 'touch → feedback (length → "Booking…")', value: Math.max(...touch.feedbackMs), unit: 'ms', target: 100, note: `worst of ${touch.feedbackMs.length}, median ${median(touch.feedbackMs).toFixed(0)} ms` },
    { metric: 'touch → confirmed by Graph', value: median(touch.confirmedMs), unit: 'ms', target: 1000, note: `median of ${touch.confirmedMs.length}, worst ${Math.max(...touch.confirmedMs).toFixed(0)} ms; ${GRAPH_LATENCY_MS} ms on every Graph request (slot check, POST, check again)` },
    { metric: 'e-paper render + pack 800×480 (warm)', value: median(hw.renderWarmMs), unit: 'ms', target: 150, note: `median of ${hw.renderWarmMs.length}, worst ${Math.max(...hw.renderWarmMs).toFixed(0)} ms; cold ${hw.renderColdMs.toFixed(0)} ms (fonts, WebAssembly)` },
    { metric: 'e-paper bytes, typical partial update', value: hw.partialBytes, unit: 'B', target: hw.fullBytes, note: `"until 11:30" → "until 11:45" on the 7.5" V2; a full refresh sends ${hw.fullBytes} B` },
    { metric: 'e-paper refreshes per visible change', value: hw.dayRefreshes / hw.dayVisibleChanges, unit: '', target: 1, cmp: '≤', note: `${hw.dayRefreshes} refreshes for ${hw.dayVisibleChanges} visible changes over 12 h of the demo day (7.5" V2, 180 s minimum interval)` },
    { metric: 'RoomState change → LED pin', value: Math.max(...hw.ledLatencyMs), unit: 'ms', target: 100, note: `worst of ${hw.ledLatencyMs.length} pin writes over the day (simulated GPIO, in process)` },
  ];
  const table = [
    ['metric', 'value', 'target', 'ok', 'note'],
    ...rows.map((r) => [r.metric, `${r.value.toFixed(r.value < 10 ? 2 : 0)} ${r.unit}`, `${r.cmp ?? '<'} ${r.target} ${r.unit}`, meets(r) ? 'yes' : 'NO', r.note]),
  ];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length))) ?? [];
  const line = (row: string[]): string => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  process.stdout.write(`\n${line(table[0] ?? [])}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${table.slice(1).map(line).join('\n')}\n`);
  if (rows.some((r) => !meets(r))) process.exitCode = 1;
}

await main();
