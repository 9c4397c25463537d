import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RoomStateJson } from '../../src/api/contract.js';
import { startHttpServer, type AdminApi, type RunningHttpServer } from '../../src/api/http-server.js';
import { rendererDir } from '../../src/app/paths.js';
import { silentLogger } from '../../src/util/logger.js';
import { useBrowser } from './browser.js';
import { FakeStateFeed, roomStateJson, STATE_NOW } from './room-state-json.js';

export interface OpenDoor {
  width?: number;
  height?: number;
  /** Install Playwright's clock, paused 10 s after the state's moment: timers run only when the test says. Otherwise only Date.now is fixed. */
  fake?: boolean;
  /** The test id to wait for before the page counts as open. */
  ready?: string;
}

/**
 * The real renderer served by the real HTTP server on a hand-set state (and, optionally, a fake
 * admin API), in one headless Chromium per test file.
 */
export function useFakeDoor(o: { admin?: AdminApi; ready: string }): { feed: FakeStateFeed; open(state: RoomStateJson, options?: OpenDoor): Promise<Page> } {
  const browser = useBrowser();
  const feed = new FakeStateFeed(roomStateJson());
  let server: RunningHttpServer | null = null;
  beforeAll(async () => {
    const staticDir = rendererDir();
    if (staticDir === null) throw new Error('dist/renderer is missing: run "npm run build" (npm test does it first)');
    server = await startHttpServer({ feed, ...(o.admin ? { admin: o.admin } : {}), logger: silentLogger(), staticDir, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    feed,
    async open(state, options = {}) {
      if (!server) throw new Error('useFakeDoor: the server is not running (beforeAll failed)');
      feed.set(state);
      const page = await browser.newPage({ width: options.width ?? 800, height: options.height ?? 480 });
      if (options.fake) await page.clock.install({ time: STATE_NOW });
      else await page.clock.setFixedTime(STATE_NOW);
      await page.goto(server.url);
      await page.getByTestId(options.ready ?? o.ready).waitFor();
      await page.evaluate(() => document.fonts.ready);
      if (options.fake) await page.clock.pauseAt(STATE_NOW + 10_000);
      return page;
    },
  };
}
