import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { assertBuilt, ROOT } from './cli.js';

export const CHROMIUM = process.env.LINTEL_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'screenshots');

/** The system Chromium, headless, with its network chatter off (this machine has no internet). */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * One headless Chromium per test file (after checking the renderer is built), and the pages a
 * test opened closed after it.
 */
export function useBrowser(extraArgs: readonly string[] = []): { newPage(viewport: { width: number; height: number }): Promise<Page> } {
  let browser: Browser | null = null;
  const pages: Page[] = [];
  beforeAll(async () => {
    assertBuilt();
    browser = await launchBrowser(extraArgs);
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  return {
    async newPage(viewport) {
      if (!browser) throw new Error('useBrowser: the browser is not running (beforeAll failed)');
      const page = await browser.newPage({ viewport });
      pages.push(page);
      return page;
    },
  };
}
