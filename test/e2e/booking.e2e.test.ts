import type { Locator, Page, Route } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { HTTP_ROUTES } from '../../src/api/contract.js';
import { rendererDir } from '../../src/app/paths.js';
import type { CalendarSource } from '../../src/calendar/source.js';
import type { ConfigFile } from '../../src/config/schema.js';
import { screenshot, useBrowser } from '../helpers/browser.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { event } from '../helpers/events.js';
import { FixedSource } from '../helpers/fixed-source.js';

// The demo day is anchored at 10:00 Berlin (Monday 23 November 2026). From 12:00 the room is
// free until the 15:00 interview.
const ANCHOR = Date.parse('2026-11-23T09:00:00Z');
const at = (hhmm: string): number => Date.parse(`2026-11-23T${hhmm}:00+01:00`);

/** A fingertip at arm's length on an 800x480 panel. */
const MIN_TARGET_PX = 64;

const browser = useBrowser();
let running: TestCore | null = null;

afterEach(async () => {
  await running?.close();
  running = null;
});

/** The door at `now`, the demo day anchored first (as the device would have been on since 10:00). */
async function door(o: { now: number; config?: ConfigFile; source?: CalendarSource; width?: number; height?: number }): Promise<{ page: Page; t: TestCore }> {
  running = await startTestCore({ now: o.source ? o.now : ANCHOR, staticDir: rendererDir(), ...(o.config ? { config: o.config } : {}), ...(o.source ? { source: o.source } : {}) });
  running.clock.advanceTo(o.now);
  running.core.hub.refresh();
  const page = await browser.newPage({ width: o.width ?? 800, height: o.height ?? 480 });
  // The page's clock agrees with the core's: undo countdowns and screenshots show the core's minute.
  await page.clock.setFixedTime(o.now);
  await page.goto(running.core.http.url);
  await page.getByTestId('door').waitFor();
  await page.evaluate(() => document.fonts.ready);
  return { page, t: running };
}

/** Holds the page's action POSTs until released: the moment between touch and answer, made to stand still. */
async function holdActions(page: Page): Promise<{ release(): Promise<void> }> {
  const held: Route[] = [];
  let holding = true;
  await page.route(`**${HTTP_ROUTES.act}`, (route) => (holding ? void held.push(route) : void route.continue()));
  return {
    async release() {
      holding = false;
      await expect.poll(() => held.length).toBeGreaterThan(0);
      for (const route of held.splice(0)) await route.continue();
    },
  };
}

/** Every visible button (and field) in `scope` is at least 64x64 CSS px and fully on screen. */
async function expectTouchTargets(page: Page, width: number, height: number, scope: Locator = page.locator('body')): Promise<number> {
  // A pressed button eases back to full size; measure the door at rest.
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition)));
  const boxes = await scope.locator('button:visible, input:visible').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-testid') ?? el.textContent, x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  for (const b of boxes) {
    expect(b.width, `${b.id} width`).toBeGreaterThanOrEqual(MIN_TARGET_PX);
    expect(b.height, `${b.id} height`).toBeGreaterThanOrEqual(MIN_TARGET_PX);
    expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= width && b.y + b.height <= height, `${b.id} on screen`).toBe(true);
  }
  const overflow = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
  expect(overflow).toEqual([width, height]);
  return boxes.length;
}

const text = (l: Locator): Promise<string | null> => l.textContent();

describe('walk-up booking at the door', () => {
  it('books from the sheet with one tap, says so at once, and takes it back with Undo', async () => {
    const { page } = await door({ now: at('12:01'), config: { booking: { askName: true } } });
    await expect.poll(() => text(page.getByTestId('status-word'))).toBe('Free');
    await page.getByTestId('book-now').waitFor();
    expect(await expectTouchTargets(page, 800, 480)).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'booking-1-door-free-800x480');

    await page.getByTestId('book-now').click();
    const options = page.getByTestId('book-option');
    expect(await options.allTextContents()).toEqual([
      'Until 12:2019 min',
      'Until 12:3534 min',
      'Until 13:0564 min',
      'Until 15:00until the next meeting',
    ]);
    expect(await expectTouchTargets(page, 800, 480, page.getByTestId('booking-sheet'))).toBe(6); // cancel, name, four options
    await expectTouchTargets(page, 800, 480);
    await screenshot(page, 'booking-2-sheet-800x480');

    // Calendar-bound text typed at the door is text, never markup.
    await page.getByTestId('sheet-name').fill('Ana <b>Ruiz</b>');
    const gate = await holdActions(page);
    await options.nth(1).click();
    // Before any answer: the sheet is gone and the touch is acknowledged on this screen.
    expect(await page.getByTestId('booking-sheet').count()).toBe(0);
    const local = page.getByTestId('activity-local');
    expect(await text(local.getByTestId('activity-text'))).toBe('Booking…');
    expect(await page.getByTestId('book-now').getAttribute('aria-busy')).toBe('true');
    expect(await text(page.getByTestId('status-word'))).toBe('Free');
    await screenshot(page, 'booking-3-sending-800x480');
    await gate.release();

    await expect.poll(() => text(page.getByTestId('status-word'))).toBe('Busy');
    expect(await text(page.getByTestId('current-subject'))).toBe('Walk-up booking: Ana <b>Ruiz</b>');
    expect(await page.locator('b').count()).toBe(0);
    expect(await text(page.getByTestId('status-until'))).toBe('until 12:35');
    const entry = page.getByTestId('activity');
    await expect.poll(() => entry.getAttribute('data-phase')).toBe('done');
    expect(await page.getByTestId('activity-local').count()).toBe(0);
    expect(await text(entry.getByTestId('activity-text'))).toBe('Booked until 12:35');
    expect(await page.getByTestId('activity-undo').getAttribute('data-seconds')).toBe('10');
    expect(await text(page.getByTestId('activity-undo'))).toBe('Undo10 s');
    await expectTouchTargets(page, 800, 480);
    await screenshot(page, 'booking-4-done-with-undo-800x480');

    await page.getByTestId('activity-undo').click();
    await expect.poll(() => text(page.getByTestId('status-word'))).toBe('Free');
    await expect.poll(() => text(page.getByTestId('activity').first().getByTestId('activity-text'))).toBe('Undone');
    expect(await page.getByTestId('activity-undo').count()).toBe(0);
    await screenshot(page, 'booking-5-undone-800x480');

    // Closing a finished entry asks the core to forget it; it stays gone.
    await page.getByTestId('activity-dismiss').first().click();
    await expect.poll(() => page.getByTestId('activity-list').count()).toBe(0);
  });

  it('closes the sheet with Cancel, sending nothing', async () => {
    const { page } = await door({ now: at('12:01') });
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url());
    });
    await page.getByTestId('book-now').click();
    // Without askName there is no name field.
    expect(await page.getByTestId('sheet-name').count()).toBe(0);
    await page.getByTestId('sheet-cancel').click();
    expect(await page.getByTestId('booking-sheet').count()).toBe(0);
    expect(await text(page.getByTestId('status-word'))).toBe('Free');
    expect(posts).toEqual([]);
  });

  it('ends its own booking early and extends it, from buttons only offered while that is possible', async () => {
    const { page } = await door({ now: at('12:01') });
    await page.getByTestId('book-now').click();
    await page.getByTestId('book-option').first().click();
    await expect.poll(() => text(page.getByTestId('status-until'))).toBe('until 12:20');
    await page.getByTestId('end-early').waitFor();
    expect(await page.getByTestId('door-controls').locator('button').allTextContents()).toEqual(['End now', '+15 min', '+30 min']);
    await expectTouchTargets(page, 800, 480);
    await screenshot(page, 'booking-6-end-early-and-extend-800x480');

    await page.getByTestId('extend-30').click();
    await expect.poll(() => text(page.getByTestId('status-until'))).toBe('until 12:50');
    await expect.poll(() => text(page.getByTestId('activity').first().getByTestId('activity-text'))).toBe('Extended to 12:50');
    await screenshot(page, 'booking-7-extended-800x480');

    await page.getByTestId('end-early').click();
    await expect.poll(() => text(page.getByTestId('status-word'))).toBe('Free');
    await expect.poll(() => text(page.getByTestId('activity').first().getByTestId('activity-text'))).toBe('Ended');
    expect(await page.getByTestId('end-early').count()).toBe(0);
    expect(await page.getByTestId('extend-15').count()).toBe(0);
    await screenshot(page, 'booking-8-ended-800x480');
  });

  it('checks in to a meeting whose check-in window is open', async () => {
    const { page } = await door({ now: at('10:11'), config: { policy: { release: { enabled: true } } } });
    await page.getByTestId('check-in').waitFor();
    // The room is free for 4 more minutes, too short to book; beside Check in that goes unsaid.
    expect(await page.getByTestId('book-unavailable').count()).toBe(0);
    await expectTouchTargets(page, 800, 480);
    await screenshot(page, 'booking-9-check-in-800x480');
    await page.getByTestId('check-in').click();
    await expect.poll(() => text(page.getByTestId('activity').first().getByTestId('activity-text'))).toBe('Checked in');
    await expect.poll(() => page.getByTestId('check-in').count()).toBe(0);
    await screenshot(page, 'booking-10-checked-in-800x480');
  });

  it("shows the core's refusal in the banner, and it can be closed", async () => {
    const { page, t } = await door({ now: at('12:01') });
    await page.getByTestId('book-now').click();
    const gate = await holdActions(page);
    await page.getByTestId('book-option').first().click();
    // The slot moves on while the request is on its way: 12:20 is no longer one of the choices.
    t.clock.advanceTo(at('12:07'));
    t.core.hub.refresh();
    await gate.release();
    const refusal = page.getByTestId('activity-local');
    await expect.poll(() => refusal.getAttribute('data-phase')).toBe('failed');
    expect(await refusal.getAttribute('data-code')).toBe('NOT_OFFERED');
    expect(await text(refusal.getByTestId('activity-text'))).toBe('That time is no longer free — please choose again');
    expect(await text(page.getByTestId('status-word'))).toBe('Free');
    await expectTouchTargets(page, 800, 480);
    await screenshot(page, 'booking-11-refused-800x480');
    await refusal.getByTestId('activity-dismiss').click();
    expect(await page.getByTestId('activity-list').count()).toBe(0);
  });

  it('says in plain words why a free room cannot be booked here', async () => {
    const source = new FixedSource([event({ start: at('13:00'), end: at('14:00'), subject: 'Board meeting' })]);
    const { page, t } = await door({ now: at('12:01'), source });
    await page.getByTestId('book-now').waitFor();
    source.down = true;
    t.clock.advanceBy(15_000);
    await t.core.sync.syncNow();
    await expect.poll(() => text(page.getByTestId('book-unavailable'))).toBe('Booking needs a connection — book in Outlook');
    expect(await page.getByTestId('book-now').count()).toBe(0);
    await screenshot(page, 'booking-12-offline-800x480');
  });

  it('says so when the room is free for too short a time to book', async () => {
    // 10:07: the 10:15 call is 8 minutes away.
    const { page } = await door({ now: at('10:07') });
    await expect.poll(() => text(page.getByTestId('book-unavailable'))).toBe('Free for less than 10 minutes');
    expect(await page.getByTestId('book-now').count()).toBe(0);
    expect(await text(page.getByTestId('status-word'))).toBe('Starting soon');
  });

  it('speaks German on the sheet and in the banner', async () => {
    const { page } = await door({ now: at('12:01'), config: { display: { locale: 'de-DE' } } });
    await page.getByTestId('book-now').click();
    expect(await text(page.getByTestId('book-option').last())).toBe('Bis 15:00bis zur nächsten Besprechung');
    await page.getByTestId('book-option').last().click();
    await expect.poll(() => text(page.getByTestId('activity').first().getByTestId('activity-text'))).toBe('Gebucht bis 15:00');
    expect(await text(page.getByTestId('activity-undo'))).toBe('Rückgängig10 s');
    await screenshot(page, 'booking-13-de-800x480');
  });

  for (const [width, height] of [
    [1280, 800],
    [480, 800],
  ] as const) {
    it(`keeps every touch target at least 64 px at ${width}x${height}`, async () => {
      const { page } = await door({ now: at('12:01'), width, height, config: { booking: { askName: true } } });
      await page.getByTestId('book-now').click();
      await expectTouchTargets(page, width, height);
      await screenshot(page, `booking-sheet-${width}x${height}`);
      await page.getByTestId('book-option').first().click();
      await page.getByTestId('activity-undo').waitFor();
      await expectTouchTargets(page, width, height);
      await screenshot(page, `booking-done-${width}x${height}`);
    });
  }
});
