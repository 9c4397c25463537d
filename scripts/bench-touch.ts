// Touch rows of `npm run bench`: a real core on the real clock (MSAL, SQLite, outbox) against the
// Graph simulator with 150 ms injected on every request, and the real renderer in headless
// Chromium. Times are taken inside the page from the click to the frame showing the answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { rendererDir } from '../src/app/paths.js';
import { startCore } from '../src/app/start-core.js';
import { createLogger } from '../src/util/logger.js';
import { startGraphSimulator } from './graph-simulator/index.js';
import { basicScenario, simulatorRoomConfig } from './bench-simulator.js';

export const GRAPH_LATENCY_MS = 150;
const RUNS = 5;

export interface TouchBench {
  /** Click on "Book now" → the booking sheet on screen; median and worst. */
  sheetMs: number[];
  /** Click on a length → the "Booking…" line on screen. */
  feedbackMs: number[];
  /** Click on a length → Microsoft 365 confirmed it and the door says so. */
  confirmedMs: number[];
}

/** The few browser globals the measurements use; the core's tsconfig has no DOM types, on purpose. */
interface PageGlobals {
  document: { querySelector(selector: string): { click(): void; getAttribute(name: string): string | null } | null };
  requestAnimationFrame(callback: () => void): number;
}

/**
 * Clicks `click` and resolves with the page time of the click and the ms until `shown` matches an
 * element, checked on every animation frame.
 */
function clickUntil(page: Page, click: string, shown: string): Promise<{ at: number; ms: number }> {
  return page.evaluate(
    ([clickSel, shownSel]) =>
      new Promise<{ at: number; ms: number }>((resolve, reject) => {
        const { document, requestAnimationFrame } = globalThis as unknown as PageGlobals;
        const target = document.querySelector(clickSel);
        if (!target) {
          reject(new Error(`nothing to click at ${clickSel}`));
          return;
        }
        const start = performance.now();
        const check = (): void => {
          if (document.querySelector(shownSel)) resolve({ at: start, ms: performance.now() - start });
          else if (performance.now() - start > 10_000) reject(new Error(`${shownSel} never appeared`));
          else requestAnimationFrame(check);
        };
        target.click();
        requestAnimationFrame(check);
      }),
    [click, shown] as const,
  );
}

export async function benchTouch(progress: (s: string) => void): Promise<TouchBench> {
  // An empty room: free whatever the time of day the bench runs.
  const scenario = { ...(await basicScenario()), events: [] };
  const sim = await startGraphSimulator({ port: 0, scenario, publicUrl: 'https://127.0.0.1:{port}' });
  const dataDir = mkdtempSync(join(tmpdir(), 'lintel-bench-touch-'));
  const config = simulatorRoomConfig(sim);
  const core = await startCore({ config, dataDir, logger: createLogger('error'), staticDir: rendererDir(), port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.LINTEL_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const result: TouchBench = { sheetMs: [], feedbackMs: [], confirmedMs: [] };
  try {
    for (let i = 0; i < 400 && !core.hub.current().sync.online; i++) await new Promise((r) => setTimeout(r, 25));
    if (!core.hub.current().sync.online) throw new Error('bench: the core did not come online against the simulator');
    sim.state.faults.latency = { ms: GRAPH_LATENCY_MS };
    const page = await browser.newPage({ viewport: { width: 800, height: 480 } });
    await page.goto(core.http.url);
    progress(`  touch: ${RUNS} bookings at ${GRAPH_LATENCY_MS} ms Graph latency`);
    for (let i = 0; i < RUNS; i++) {
      await page.getByTestId('book-now').waitFor();
      result.sheetMs.push((await clickUntil(page, '[data-testid="book-now"]', '[data-testid="booking-sheet"]')).ms);
      const feedback = await clickUntil(page, '[data-testid="book-option"]', '[data-testid="activity-local"], [data-testid="activity"]');
      result.feedbackMs.push(feedback.ms);
      const doneAt = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const { document, requestAnimationFrame } = globalThis as unknown as PageGlobals;
            // The booking just made is the newest line; earlier runs' lines (their undo) may still be listed.
            const tx = document.querySelector('[data-testid="activity-local"], [data-testid="activity"]')?.getAttribute('data-transaction') ?? '';
            const check = (): void => {
              if (document.querySelector(`[data-testid="activity"][data-transaction="${tx}"][data-phase="done"]`)) resolve(performance.now());
              else requestAnimationFrame(check);
            };
            check();
          }),
      );
      result.confirmedMs.push(doneAt - feedback.at);
      // Take it back so the next run finds the room free again.
      await page.getByTestId('activity-undo').click();
      await page.getByTestId('book-now').waitFor({ timeout: 15_000 });
      await core.outbox.idle();
    }
  } finally {
    await browser.close();
    await core.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}
