import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RoomStateJson } from '../../src/api/contract.js';
import { contrastRatio } from '../../renderer/src/theme.js';
import { screenshot } from '../helpers/browser.js';
import { useFakeDoor } from '../helpers/fake-door.js';
import { decodeQrInPng } from '../helpers/qr.js';
import { notice, roomStateJson, signInPrompt, STATE_NOW } from '../helpers/room-state-json.js';
import { type Box, box, inside, overlap } from '../helpers/boxes.js';

const URL_SHOWN = 'microsoft.com/devicelogin';
const URL_FULL = `https://${URL_SHOWN}`;

const door = useFakeDoor({ ready: 'sign-in' });
const { feed } = door;

/** Opens the door on `state`, with the page's clock fixed at the moment the state describes. */
const open = (state: RoomStateJson, width: number, height: number, ready = 'sign-in'): Promise<Page> => door.open(state, { width, height, ready });

describe('the sign-in screen', () => {
  for (const [width, height] of [
    [800, 480],
    [1280, 800],
    [480, 800],
  ] as const) {
    it(`shows the code, the URL and a scannable QR code at ${width}x${height}`, async () => {
      const page = await open(roomStateJson({ signIn: signInPrompt() }), width, height);
      expect(await page.getByTestId('room-name').textContent()).toBe('Aurora');
      expect(await page.getByTestId('sign-in-title').textContent()).toBe('Sign in to connect this room');
      expect(await page.getByText('On your phone or computer, open').isVisible()).toBe(true);
      expect(await page.getByTestId('sign-in-url').textContent()).toBe(URL_SHOWN);
      expect(await page.getByTestId('sign-in-code').textContent()).toBe('HDGF-8K2P');
      expect(await page.getByTestId('sign-in-account').textContent()).toBe('Sign in as booking@contoso.com');
      expect(await page.getByTestId('sign-in-countdown').textContent()).toBe('Code expires in 15:00');
      // The calendar is not shown while the room waits for its account.
      expect(await page.getByTestId('status-panel').count()).toBe(0);
      // A kiosk has no back button: the URL is text, never a link.
      expect(await page.locator('a').count()).toBe(0);

      // Everything on screen, nothing on top of anything else, the code big enough for arm's length.
      const ids = ['room-name', 'sign-in-title', 'sign-in-url', 'sign-in-code', 'sign-in-account', 'sign-in-qr', 'sign-in-countdown'];
      const boxes = await Promise.all(ids.map((id) => box(page, id)));
      for (const [i, b] of boxes.entries()) expect(inside(b, width, height), `${ids[i]} on screen`).toBe(true);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i] as Box, boxes[j] as Box), `${ids[i]} vs ${ids[j]}`).toBe(false);
      const overflow = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
      expect(overflow).toEqual([width, height]);
      const codePx = await page.getByTestId('sign-in-code').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(codePx).toBeGreaterThanOrEqual(0.09 * Math.min(width, height));
      const code = await page.getByTestId('sign-in-code').evaluate((el) => el.scrollWidth <= el.clientWidth);
      expect(code, 'the code is never cut').toBe(true);

      // Scannable from half a metre: at least 5 cm on a 7" 800x480 panel (~5.2 px/mm), i.e. 260 px there.
      const qr = await box(page, 'sign-in-qr');
      expect(Math.round(qr.width)).toBe(Math.round(qr.height));
      expect(qr.width).toBeGreaterThanOrEqual(0.54 * Math.min(width, height));

      const path = await screenshot(page, `sign-in-${width}x${height}`);
      expect(decodeQrInPng(path)).toBe(URL_FULL);
    });
  }

  it('counts down every second, then says the code has expired', async () => {
    const expiresAt = '2026-11-23T10:02:03+01:00';
    const page = await open(roomStateJson({ signIn: signInPrompt({ expiresAt }) }), 800, 480);
    const countdown = page.getByTestId('sign-in-countdown');
    expect(await countdown.textContent()).toBe('Code expires in 0:03');
    // The fixed clock moves Date.now only; the page's once-a-second timer still runs on real time,
    // so each step may take up to ~1 s of wall time to show (poll's own default is exactly 1 s).
    const tick = { timeout: 5_000 };
    await page.clock.setFixedTime(STATE_NOW + 1_000);
    await expect.poll(() => countdown.textContent(), tick).toBe('Code expires in 0:02');
    await page.clock.setFixedTime(STATE_NOW + 2_400);
    await expect.poll(() => countdown.textContent(), tick).toBe('Code expires in 0:01');
    await page.clock.setFixedTime(STATE_NOW + 3_000);
    await expect.poll(() => countdown.textContent(), tick).toBe('This code has expired. A new one is on its way…');
    expect(await page.getByTestId('sign-in').getAttribute('data-expired')).toBe('true');

    // The core sends the next code: the screen takes it without a reload.
    feed.set(roomStateJson({ signIn: signInPrompt({ userCode: 'QW7R-T4ZN', expiresAt: '2026-11-23T10:17:03+01:00' }) }));
    await expect.poll(() => page.getByTestId('sign-in-code').textContent()).toBe('QW7R-T4ZN');
    expect(await countdown.textContent()).toBe('Code expires in 15:00');
    expect(await page.getByTestId('sign-in').getAttribute('data-expired')).toBe('false');
  });

  it('says a code that arrives already expired has expired', async () => {
    const page = await open(roomStateJson({ signIn: signInPrompt({ expiresAt: '2026-11-23T10:01:00+01:00' }) }), 800, 480);
    expect(await page.getByTestId('sign-in-countdown').textContent()).toBe('This code has expired. A new one is on its way…');
    await screenshot(page, 'sign-in-expired-800x480');
  });

  it('leaves out the account line when no account is known', async () => {
    const page = await open(roomStateJson({ signIn: signInPrompt({ account: null }) }), 800, 480);
    expect(await page.getByTestId('sign-in-account').count()).toBe(0);
    expect(await page.getByTestId('sign-in-code').textContent()).toBe('HDGF-8K2P');
  });

  it('renders what the identity provider sends as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="document.title=\'pwned\'">';
    const page = await open(
      roomStateJson({ signIn: signInPrompt({ userCode: hostile, account: '<b>admin</b>', verificationUri: 'javascript:document.title="pwned"' }) }),
      800,
      480,
    );
    expect(await page.getByTestId('sign-in-code').textContent()).toBe(hostile);
    expect(await page.getByTestId('sign-in-account').textContent()).toBe('Sign in as <b>admin</b>');
    expect(await page.getByTestId('sign-in-url').textContent()).toBe('javascript:document.title="pwned"');
    expect(await page.locator('img, b, a, script:not([src])').count()).toBe(0);
    // Shown so the admin can see something is wrong, but not offered to a phone camera.
    expect(await page.getByTestId('sign-in-qr').count()).toBe(0);
    await page.getByTestId('sign-in-url').click();
    expect(await page.title()).toBe('Lintel');
  });

  it('speaks German', async () => {
    const de = { locale: 'de-DE', hourCycle: 'h23', devOverlay: false } as const;
    const page = await open(roomStateJson({ display: de, signIn: signInPrompt() }), 800, 480);
    expect(await page.getByTestId('sign-in-title').textContent()).toBe('Anmelden, um diesen Raum zu verbinden');
    expect(await page.getByText('Auf dem Handy oder Computer öffnen').isVisible()).toBe(true);
    expect(await page.getByText('Diesen Code eingeben').isVisible()).toBe(true);
    expect(await page.getByTestId('sign-in-account').textContent()).toBe('Anmelden als booking@contoso.com');
    expect(await page.getByTestId('sign-in-countdown').textContent()).toBe('Code gültig noch 15:00');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de-DE');
    await screenshot(page, 'sign-in-de-800x480');

    feed.set(roomStateJson({ display: de, notices: [notice(), notice({ code: 'b' }), notice({ code: 'c' })] }));
    await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Belegt');
    expect(await page.getByTestId('notice-more').textContent()).toBe('+2 weitere');
  });
});

describe('the admin notices strip', () => {
  const notices = [
    notice(),
    notice({ code: 'scoped-out', severity: 'error', message: 'The app may not read this room: add it to the application access policy.' }),
    notice({ code: 'subject-rewritten', message: 'Exchange replaces subjects with the organiser name: set DeleteSubject to false.' }),
  ];

  it('shows the first notice on one line under the door view, hiding nothing', async () => {
    const page = await open(roomStateJson({ notices }), 800, 480, 'door');
    await screenshot(page, 'door-notices-800x480');
    expect(await page.getByTestId('notice-message').textContent()).toBe(notices[0]?.message);
    expect(await page.getByTestId('notice-more').textContent()).toBe('+2 more');
    expect(await page.getByTestId('notices').getAttribute('data-severity')).toBe('warning');
    expect(await page.getByTestId('status-word').textContent()).toBe('Busy');

    const strip = await box(page, 'notices');
    expect(strip.y + strip.height).toBeCloseTo(480, 0);
    expect(strip.width).toBeCloseTo(800, 0);
    for (const id of ['status-word', 'status-until', 'room-name', 'clock', 'agenda', 'current', 'next']) {
      const b = await box(page, id);
      expect(inside(b, 800, 480), `${id} on screen`).toBe(true);
      expect(overlap(b, strip), `${id} clear of the strip`).toBe(false);
    }
    // One line, cut with an ellipsis, "+2 more" still whole.
    const message = await page.getByTestId('notice-message').evaluate((el) => ({
      cut: el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis',
      lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).fontSize)),
    }));
    expect(message).toEqual({ cut: true, lines: 1 });
    expect(inside(await box(page, 'notice-more'), 800, 480)).toBe(true);

    const [fg, bg] = await page.getByTestId('notices').evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
    const hex = (rgb: string | undefined): string => `#${(rgb?.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
    expect(contrastRatio(hex(fg), hex(bg))).toBeGreaterThanOrEqual(7);
  });

  it('shows no "+N more" for a single notice, and no strip when all is well', async () => {
    const page = await open(roomStateJson({ notices: [notices[1] ?? notice()] }), 800, 480, 'door');
    expect(await page.getByTestId('notices').getAttribute('data-severity')).toBe('error');
    expect(await page.getByTestId('notice-more').count()).toBe(0);
    feed.set(roomStateJson());
    await expect.poll(() => page.getByTestId('notices').count()).toBe(0);
  });

  it('gives way to a pending sign-in, and comes back when it is done', async () => {
    const page = await open(roomStateJson({ notices, signIn: signInPrompt() }), 800, 480);
    expect(await page.getByTestId('notices').count()).toBe(0);
    feed.set(roomStateJson({ notices }));
    await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Busy');
    expect(await page.getByTestId('notice-message').textContent()).toBe(notices[0]?.message);
    expect(await page.getByTestId('sign-in').count()).toBe(0);
  });
});
