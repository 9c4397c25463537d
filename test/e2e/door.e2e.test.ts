import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { rendererDir } from '../../src/app/paths.js';
import type { ConfigFile } from '../../src/config/schema.js';
import { contrastRatio } from '../../renderer/src/theme.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { event } from '../helpers/events.js';
import { FixedSource } from '../helpers/fixed-source.js';
import { screenshot, useBrowser } from '../helpers/browser.js';
import type { CalendarSource } from '../../src/calendar/source.js';

// Monday 10:02 in Berlin; the demo day is anchored at 10:00.
const NOW = Date.parse('2026-11-23T09:02:00Z');
const at = (hhmm: string): number => Date.parse(`2026-11-23T${hhmm}:00+01:00`);

const browser = useBrowser();
let running: TestCore | null = null;

afterEach(async () => {
  await running?.close();
  running = null;
});

async function door(o: { width: number; height: number; config?: ConfigFile; source?: CalendarSource; query?: string }): Promise<{ page: Page; t: TestCore; requested: string[] }> {
  running = await startTestCore({ now: NOW, staticDir: rendererDir(), ...(o.config ? { config: o.config } : {}), ...(o.source ? { source: o.source } : {}) });
  const page = await browser.newPage({ width: o.width, height: o.height });
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  // The page's clock agrees with the core's: the screenshots show the same minute as the state.
  await page.clock.setFixedTime(NOW);
  await page.goto(`${running.core.http.url}${o.query ?? ''}`);
  await page.getByTestId('door').waitFor();
  await page.evaluate(() => document.fonts.ready);
  return { page, t: running, requested };
}

/** Luminance-contrast of an element's text against its panel, from computed styles. */
async function textContrast(page: Page, testId: string, panelTestId: string): Promise<number> {
  const [fg, bg] = await page.evaluate(
    ([id, panel]) => {
      const hex = (rgb: string): string =>
        `#${(rgb.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
      const el = document.querySelector(`[data-testid="${id}"]`) as HTMLElement;
      const bgEl = document.querySelector(`[data-testid="${panel}"]`) as HTMLElement;
      return [hex(getComputedStyle(el).color), hex(getComputedStyle(bgEl).backgroundColor)];
    },
    [testId, panelTestId] as const,
  );
  return contrastRatio(fg as string, bg as string);
}

describe('the door view', () => {
  for (const [width, height] of [
    [800, 480],
    [1024, 600],
    [1280, 800],
    [480, 800],
  ] as const) {
    it(`reads from across the corridor at ${width}x${height}`, async () => {
      const { page, requested } = await door({ width, height, query: '?dev=1' });
      await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Busy');
      expect(await page.getByTestId('room-name').textContent()).toBe('Aurora');
      expect(await page.getByTestId('clock').textContent()).toBe('10:02');
      expect(await page.getByTestId('status-until').textContent()).toBe('until 10:05');
      expect(await page.getByTestId('current-subject').textContent()).toBe('Product sync');
      expect(await page.getByTestId('next-subject').textContent()).toBe('Customer call — Contoso');
      expect(await page.getByTestId('agenda-item').count()).toBeGreaterThanOrEqual(5);

      // The status word is at least 12 % of the screen height, and fully on screen.
      const fontPx = await page.getByTestId('status-word').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(fontPx).toBeGreaterThanOrEqual(0.12 * height);
      const word = await page.getByTestId('status-word').boundingBox();
      expect(word && word.x >= 0 && word.y >= 0 && word.x + word.width <= width && word.y + word.height <= height).toBe(true);

      // The status colour covers a large area; text on it reaches 7:1.
      const panel = await page.getByTestId('status-panel').boundingBox();
      expect(((panel?.width ?? 0) * (panel?.height ?? 0)) / (width * height)).toBeGreaterThanOrEqual(0.5);
      expect(await textContrast(page, 'status-word', 'status-panel')).toBeGreaterThanOrEqual(7);
      expect(await textContrast(page, 'current-subject', 'status-panel')).toBeGreaterThanOrEqual(7);

      // Nothing spills off the screen.
      const overflow = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
      expect(overflow).toEqual([width, height]);
      expect(await page.getByTestId('led-red').getAttribute('data-mode')).toBe('on');
      // Fonts and code come from the device itself: nothing is fetched from the network.
      const origin = running?.core.http.url ?? '';
      expect(requested.filter((u) => !u.startsWith(origin))).toEqual([]);
      expect(requested.some((u) => u.endsWith('.woff2'))).toBe(true);
      await screenshot(page, `door-busy-${width}x${height}`);
    });
  }

  it('changes by itself through the stream as meetings end and start', async () => {
    const { page, t } = await door({ width: 800, height: 480, query: '?dev=1' });
    await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Busy');
    await page.clock.setFixedTime(at('10:05'));
    t.clock.advanceTo(at('10:05'));
    await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Starting soon');
    expect(await page.getByTestId('status-until').textContent()).toBe('Meeting at 10:15 · in 10 min');
    expect(await page.getByTestId('led-amber').getAttribute('data-mode')).toBe('on');
    await screenshot(page, 'door-soon-800x480');
    await page.clock.setFixedTime(at('10:15'));
    t.clock.advanceTo(at('10:15'));
    await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Busy');
    expect(await page.getByTestId('current-subject').textContent()).toBe('Customer call — Contoso');
    expect(await page.getByTestId('status-until').textContent()).toBe('until 12:00');
  });

  it('shows a free room with the time it is free until', async () => {
    const source = new FixedSource([event({ start: at('13:00'), end: at('14:00'), subject: 'Board meeting' })]);
    const { page } = await door({ width: 1024, height: 600, source });
    await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Free');
    expect(await page.getByTestId('status-until').textContent()).toBe('until 13:00');
    expect(await page.getByTestId('next-subject').textContent()).toBe('Board meeting');
    expect(await textContrast(page, 'status-word', 'status-panel')).toBeGreaterThanOrEqual(7);
    await screenshot(page, 'door-free-1024x600');
  });

  it('cuts a 300-character subject with an ellipsis and moves nothing else', async () => {
    const layout = async (subject: string): Promise<unknown> => {
      const source = new FixedSource([event({ start: at('09:30'), end: at('11:00'), subject }), event({ start: at('11:00'), end: at('12:00'), subject })]);
      const { page } = await door({ width: 800, height: 480, source });
      await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Busy');
      const boxes = await Promise.all(['status-word', 'status-until', 'room-name', 'clock', 'agenda', 'current', 'next'].map((id) => page.getByTestId(id).boundingBox()));
      const cut = await page.getByTestId('current-subject').evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis');
      if (subject.length > 100) await screenshot(page, 'door-long-subject-800x480');
      await page.close();
      await running?.close();
      running = null;
      return { boxes, cut };
    };
    const short = (await layout('Budget')) as { boxes: unknown; cut: boolean };
    const long = (await layout('Quarterly planning '.repeat(16).slice(0, 300))) as { boxes: unknown; cut: boolean };
    expect(long.boxes).toEqual(short.boxes);
    expect(long.cut).toBe(true);
  });

  it('renders calendar text as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="document.title=\'pwned\'"><b>bold</b>';
    const source = new FixedSource([event({ start: at('09:30'), end: at('11:00'), subject: hostile, organizer: { name: '<script>alert(1)</script>', email: 'x@y' } })]);
    const { page } = await door({ width: 800, height: 480, source });
    await expect.poll(() => page.getByTestId('current-subject').textContent()).toBe(hostile);
    expect(await page.locator('img, b, script:not([src])').count()).toBe(0);
    expect(await page.title()).toBe('Lintel');
  });

  it('shows an offline badge with the time of the last good sync, and keeps the calendar', async () => {
    const source = new FixedSource([event({ start: at('09:30'), end: at('11:00'), subject: 'Design review' })]);
    const { page, t } = await door({ width: 800, height: 480, source, query: '?dev=1' });
    await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Busy');
    expect(await page.getByTestId('offline-badge').count()).toBe(0);
    source.down = true;
    t.clock.advanceBy(15_000);
    await t.core.sync.syncNow();
    await expect.poll(() => page.getByTestId('offline-badge').textContent()).toBe('Offline · updated 10:02');
    expect(await page.getByTestId('current-subject').textContent()).toBe('Design review');
    expect(await page.getByTestId('led-red').getAttribute('data-mode')).toBe('blink-fast');
    await screenshot(page, 'door-offline-800x480');
  });

  it('speaks German with a 24 h clock, and English with a 12 h clock when configured', async () => {
    const de = await door({ width: 800, height: 480, config: { display: { locale: 'de-DE' } } });
    await expect.poll(() => de.page.getByTestId('status-word').textContent()).toBe('Belegt');
    expect(await de.page.getByTestId('status-until').textContent()).toBe('bis 10:05');
    expect(await de.page.getByTestId('date').textContent()).toBe('Montag, 23. November');
    expect(await de.page.getByText('Private Besprechung').count()).toBeGreaterThan(0);
    await screenshot(de.page, 'door-de-800x480');
    await running?.close();
    running = null;
    const us = await door({ width: 800, height: 480, config: { display: { locale: 'en-US', clock: '12h' } } });
    await expect.poll(() => us.page.getByTestId('clock').textContent()).toBe('10:02 AM');
    expect(await us.page.getByTestId('date').textContent()).toBe('Monday, November 23');
  });
});
