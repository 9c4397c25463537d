import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { rendererDir } from '../../src/app/paths.js';
import { screenshot, useBrowser } from '../helpers/browser.js';
import { settle } from '../helpers/door.js';
import { eventually, PUBLIC_CLIENT, ROOM_EMAIL, useGraphCore, type GraphRun } from '../helpers/graph-core.js';

// 16:32 in Berlin: the basic scenario's room is free. A delegated booking account invites the room.
const NOW = Date.parse('2026-11-23T15:32:00Z');
const graph = useGraphCore(NOW);
const browser = useBrowser();

async function delegatedDoor(): Promise<{ run: GraphRun; page: Page }> {
  const run = await graph.start({ calendar: { auth: 'delegated', clientId: PUBLIC_CLIENT, account: 'booking@contoso.com' }, until: 'started', staticDir: rendererDir() ?? '' });
  const prompt = await eventually(() => run.t.state().signIn, 'a device code');
  run.sim.state.approveDeviceCode(prompt.userCode, { username: 'booking@contoso.com' });
  await eventually(() => run.t.state().signIn === null && run.t.state().sync.online, 'signed in and synced', 15_000);
  const page = await browser.newPage({ width: 800, height: 480 });
  await page.clock.setFixedTime(NOW);
  await page.goto(run.t.core.http.url);
  await page.getByTestId('book-now').waitFor();
  await page.evaluate(() => document.fonts.ready);
  return { run, page };
}

async function bookFirstOption(page: Page): Promise<void> {
  await page.getByTestId('book-now').click();
  await page.getByTestId('book-option').first().click();
}

describe('walk-up booking by invitation (delegated), in a real browser', () => {
  it('shows "Waiting for the room to accept…", then the booking once the room accepts', async () => {
    const { run, page } = await delegatedDoor();
    await bookFirstOption(page);
    await page.locator('[data-testid="activity"][data-phase="waiting-for-room"]').waitFor();
    await screenshot(page, 'booking-waiting-for-room-800x480');
    run.sim.state.bookings.processPending();
    run.clock.advanceBy(5_000);
    await settle(run.t.core);
    await page.locator('[data-testid="activity"][data-phase="done"]').waitFor();
    await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Busy');
    await screenshot(page, 'booking-room-accepted-800x480');
  });

  it('a decline by the room is shown in plain words and the room stays free', async () => {
    const { run, page } = await delegatedDoor();
    await bookFirstOption(page);
    await page.locator('[data-testid="activity"][data-phase="waiting-for-room"]').waitFor();
    run.sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Booked in Outlook', organizer: 'anna.schmidt@contoso.com', start: NOW + 2 * 60_000, end: NOW + 20 * 60_000 });
    run.sim.state.bookings.processPending();
    run.clock.advanceBy(5_000);
    await settle(run.t.core);
    const failed = page.locator('[data-testid="activity"][data-phase="failed"]');
    await failed.waitFor();
    expect(await failed.getAttribute('data-code')).toBe('declined-conflict');
    expect(await failed.getByTestId('activity-text').textContent()).toMatch(/declined/i);
    // The door fetched the calendar again at once: it shows the Outlook booking that won, not a free room.
    await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Starting soon');
    expect(await page.getByTestId('agenda').textContent()).toContain('Booked in Outlook');
    await screenshot(page, 'booking-declined-800x480');
  });
});
