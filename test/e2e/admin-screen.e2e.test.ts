import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AdminCommand, AdminCommandResultJson, AdminSessionJson, ApiResult, DiagnosticsJson, SetupPromptJson } from '../../src/api/contract.js';
import { type AdminApi } from '../../src/api/http-server.js';
import { screenshot } from '../helpers/browser.js';
import { useFakeDoor } from '../helpers/fake-door.js';
import { berlin, roomStateJson } from '../helpers/room-state-json.js';
import { box } from '../helpers/boxes.js';

const PIN = '482913';
const MAX_TRIES = 3;

const DIAGNOSTICS: DiagnosticsJson = {
  deviceName: 'lintel-aurora-01',
  version: '0.1.0',
  addresses: ['192.168.1.40', 'fe80::1c2b:3aff:fe4d:5e6f'],
  room: { name: 'Aurora', email: 'aurora@contoso.com' },
  signedInAs: 'app credentials',
  pairedAt: '2026-11-02T09:14:00+01:00',
  lastSyncAt: '2026-11-23T10:01:30+01:00',
  online: true,
  errors: [{ at: '2026-11-23T09:58:00+01:00', message: 'Microsoft 365 asked to slow down (429); the sync retried after 30 s.' }],
  checks: [
    { id: 'clock', name: 'Clock', status: 'PASS', title: 'The clock is in sync.', fix: null },
    {
      id: 'secret',
      name: 'Client secret',
      status: 'WARN',
      title: 'The client secret expires in 12 days.',
      fix: 'Create a new secret in Entra ID and enter it on the setup page.',
    },
    {
      id: 'subject',
      name: 'Meeting titles',
      status: 'FAIL',
      title: 'Exchange replaces meeting titles with the organiser name.',
      fix: 'Run Set-CalendarProcessing -Identity aurora@contoso.com -DeleteSubject $false -AddOrganizerToSubject $false',
    },
    { id: 'places', name: 'Room list', status: 'SKIP', title: 'Skipped: Place.Read.All is not granted.', fix: null },
  ],
  versions: { lintel: '0.1.0', node: '20.19.0', electron: null },
};

const COMMAND_MESSAGES: Record<AdminCommand, string> = {
  'reopen-setup': 'Setup is open: scan the code on the display with your phone.',
  'change-room': 'Setup is open to choose another room.',
  restart: 'The display restarts now.',
  'factory-reset': 'Everything is wiped; the display restarts into setup.',
};

/**
 * The admin side of the core as the HTTP server sees it: a PIN that opens sessions, a lock after
 * three wrong tries, diagnostics that can be held back, and a record of every command.
 */
class FakeAdmin implements AdminApi {
  pinSet = true;
  wrongTries = 0;
  commands: AdminCommand[] = [];
  unlocks = 0;
  private sessions = new Set<string>();
  private held: Promise<void> | null = null;

  reset(): void {
    this.pinSet = true;
    this.wrongTries = 0;
    this.commands = [];
    this.unlocks = 0;
    this.sessions.clear();
    this.held = null;
  }

  /** Diagnostics answer only after `release()`: the moment "Running checks…" shows, made to stand still. */
  holdDiagnostics(): { release(): void } {
    let release = (): void => undefined;
    this.held = new Promise((resolve) => {
      release = () => {
        this.held = null;
        resolve();
      };
    });
    return { release: () => release() };
  }

  expireSessions(): void {
    this.sessions.clear();
  }

  unlock(request: unknown): ApiResult<AdminSessionJson> {
    if (!this.pinSet) return { ok: false, error: { code: 'NO_PIN', message: 'No admin PIN is set on this display: set one on the setup page.' } };
    if (this.wrongTries >= MAX_TRIES) return { ok: false, error: { code: 'LOCKED', message: 'Too many wrong PINs: try again in 5 minutes.' } };
    const pin = typeof request === 'object' && request !== null && 'pin' in request ? request.pin : undefined;
    if (pin !== PIN) {
      this.wrongTries++;
      const left = MAX_TRIES - this.wrongTries;
      return left > 0
        ? { ok: false, error: { code: 'PIN_WRONG', message: `Wrong PIN. ${left} ${left === 1 ? 'try' : 'tries'} left.` } }
        : { ok: false, error: { code: 'LOCKED', message: 'Too many wrong PINs: try again in 5 minutes.' } };
    }
    this.unlocks++;
    const session = `session-${this.unlocks}`;
    this.sessions.add(session);
    return { ok: true, value: { session, expiresAt: berlin('10:07') } };
  }

  async diagnostics(session: string | undefined): Promise<ApiResult<DiagnosticsJson>> {
    if (session === undefined || !this.sessions.has(session)) return this.invalid();
    await this.held;
    return { ok: true, value: DIAGNOSTICS };
  }

  command(session: string | undefined, request: unknown): ApiResult<AdminCommandResultJson> {
    if (session === undefined || !this.sessions.has(session)) return this.invalid();
    const command = typeof request === 'object' && request !== null && 'command' in request ? request.command : undefined;
    const known = Object.keys(COMMAND_MESSAGES).find((c): c is AdminCommand => c === command);
    if (!known) return { ok: false, error: { code: 'BAD_REQUEST', message: `Unknown command ${String(command)}.` } };
    this.commands.push(known);
    return { ok: true, value: { message: COMMAND_MESSAGES[known] } };
  }

  private invalid(): { ok: false; error: { code: string; message: string } } {
    return { ok: false, error: { code: 'SESSION_INVALID', message: 'The admin session has ended: enter the PIN again.' } };
  }
}

const admin = new FakeAdmin();
const { feed, open } = useFakeDoor({ admin, ready: 'door' });

beforeEach(() => admin.reset());

/** A hardware long press, as the core reports it: the PIN pad opens. */
async function openPinPad(page: Page, at = berlin('10:02')): Promise<void> {
  feed.set({ ...feed.current(), adminRequestedAt: at });
  await page.getByTestId('pin-pad').waitFor();
}

async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`pin-key-${digit}`).click();
}

async function unlock(page: Page): Promise<void> {
  await openPinPad(page);
  await typePin(page, PIN);
  await page.getByTestId('pin-ok').click();
  await page.getByTestId('admin-screen').waitFor();
  await expect.poll(() => page.getByTestId('admin-screen').getAttribute('data-state')).toBe('ready');
}

/** Every visible button in `scope` is at least 64x64 CSS px and wholly on screen; nothing scrolls the page. */
async function expectTouchTargets(page: Page, scope: Locator, width: number, height: number): Promise<number> {
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition)));
  const boxes = await scope.locator('button:visible').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-testid') ?? el.textContent, x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  for (const b of boxes) {
    expect(b.width, `${b.id} width`).toBeGreaterThanOrEqual(64);
    expect(b.height, `${b.id} height`).toBeGreaterThanOrEqual(64);
    expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= width + 0.5 && b.y + b.height <= height + 0.5, `${b.id} on screen`).toBe(true);
  }
  const overflow = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
  expect(overflow).toEqual([width, height]);
  return boxes.length;
}

describe('the hidden admin gesture', () => {
  it('opens the PIN pad after holding the room name for 5 s, not 4 s, and shows nothing while held', async () => {
    const page = await open(roomStateJson(), { fake: true });
    const name = await box(page, 'room-name');
    await page.mouse.move(name.x + name.width / 4, name.y + name.height / 2);
    const before = await page.locator('#app').innerHTML();

    await page.mouse.down();
    await page.clock.runFor(4_000);
    // No hint for passers-by: the door is exactly as it was.
    expect(await page.locator('#app').innerHTML()).toBe(before);
    await page.mouse.up();
    // Lifting the finger cancelled the press: more time does not open anything.
    await page.clock.runFor(2_000);
    expect(await page.getByTestId('pin-pad').count()).toBe(0);

    await page.mouse.down();
    await page.clock.runFor(5_000);
    await page.getByTestId('pin-pad').waitFor();
    await page.mouse.up();
    expect(await page.getByTestId('pin-key-5').isVisible()).toBe(true);
  });

  it('cancels the press when the finger slides off the room name', async () => {
    const page = await open(roomStateJson(), { fake: true });
    const name = await box(page, 'room-name');
    const word = await box(page, 'status-word');
    await page.mouse.move(name.x + 20, name.y + name.height / 2);
    await page.mouse.down();
    await page.clock.runFor(1_000);
    await page.mouse.move(word.x + 20, word.y + word.height / 2);
    await page.clock.runFor(6_000);
    await page.mouse.up();
    expect(await page.getByTestId('pin-pad').count()).toBe(0);
  });

  it('does not open from a long press anywhere else on the door', async () => {
    const page = await open(roomStateJson(), { fake: true });
    const word = await box(page, 'status-word');
    await page.mouse.move(word.x + 20, word.y + word.height / 2);
    await page.mouse.down();
    await page.clock.runFor(6_000);
    await page.mouse.up();
    expect(await page.getByTestId('pin-pad').count()).toBe(0);
  });

  it('opens the PIN pad once for each hardware long press the core reports', async () => {
    const page = await open(roomStateJson());
    expect(await page.getByTestId('pin-pad').count()).toBe(0);
    await openPinPad(page, berlin('10:02'));
    await page.getByTestId('pin-cancel').click();
    await expect.poll(() => page.getByTestId('pin-pad').count()).toBe(0);

    // The same press in the next state (something else changed): answered already.
    feed.set(roomStateJson({ adminRequestedAt: berlin('10:02'), status: 'free', statusLabel: 'Free' }));
    await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Free');
    expect(await page.getByTestId('pin-pad').count()).toBe(0);

    // A new press: the pad again.
    feed.set(roomStateJson({ adminRequestedAt: '2026-11-23T10:02:30+01:00', status: 'free', statusLabel: 'Free' }));
    await page.getByTestId('pin-pad').waitFor();
  });

  it('ignores a press from long ago found when the page loads', async () => {
    const page = await open(roomStateJson({ adminRequestedAt: berlin('08:00') }));
    expect(await page.getByTestId('status-word').textContent()).toBe('Busy');
    expect(await page.getByTestId('pin-pad').count()).toBe(0);
  });

  it('opens over the setup prompt too', async () => {
    const setup: SetupPromptJson = {
      url: 'http://192.168.1.40:8421/setup#t=abc',
      code: 'K7QM-2XHD',
      deviceName: 'lintel-aurora-01',
      address: 'http://192.168.1.40:8421/setup',
      expiresAt: berlin('10:17'),
      lockedUntil: null,
      reopened: true,
    };
    const page = await open(roomStateJson({ setup }), { ready: 'setup-prompt' });
    await openPinPad(page);
    expect(await page.getByTestId('setup-prompt').count()).toBe(1);
  });
});

describe('the PIN pad', () => {
  for (const [width, height] of [
    [800, 480],
    [1280, 800],
  ] as const) {
    it(`has big keys on screen and says a wrong PIN is wrong, at ${width}x${height}`, async () => {
      const page = await open(roomStateJson(), { width, height });
      await openPinPad(page);
      const pad = page.getByTestId('pin-pad');
      // Ten digits, backspace, OK and Cancel.
      expect(await expectTouchTargets(page, pad, width, height)).toBe(13);
      expect(await page.getByTestId('pin-ok').isDisabled()).toBe(true);

      await typePin(page, '1234');
      // The digits are never shown: only how many.
      expect(await page.getByTestId('pin-display').getAttribute('data-length')).toBe('4');
      expect(await page.getByTestId('pin-display').textContent()).toBe('');
      expect(await pad.locator('.pin-side').textContent()).not.toContain('1234');
      await page.getByTestId('pin-ok').click();
      await expect.poll(() => page.getByTestId('pin-error').textContent()).toBe('Wrong PIN. 2 tries left.');
      expect(await page.getByTestId('pin-display').getAttribute('data-length')).toBe('0');
      expect(await page.getByTestId('admin-screen').count()).toBe(0);
      expect(admin.wrongTries).toBe(1);
      await screenshot(page, `pin-pad-${width}x${height}`);
      // The next try starts clean: the first key takes the message away.
      await typePin(page, '4');
      expect(await page.getByTestId('pin-error').count()).toBe(0);
      expect(await page.getByTestId('pin-display').getAttribute('data-length')).toBe('1');
    });
  }

  it('takes back a digit with backspace', async () => {
    const page = await open(roomStateJson());
    await openPinPad(page);
    await typePin(page, '4829139');
    await page.getByTestId('pin-backspace').click();
    await page.getByTestId('pin-ok').click();
    await page.getByTestId('admin-screen').waitFor();
    expect(admin.unlocks).toBe(1);
  });

  it('says when it is locked after too many wrong PINs, and when no PIN is set', async () => {
    const page = await open(roomStateJson());
    await openPinPad(page);
    for (let i = 0; i < MAX_TRIES; i++) {
      await typePin(page, '0000');
      await page.getByTestId('pin-ok').click();
      await expect.poll(() => page.getByTestId('pin-display').getAttribute('data-length')).toBe('0');
    }
    await expect.poll(() => page.getByTestId('pin-error').textContent()).toBe('Too many wrong PINs: try again in 5 minutes.');

    admin.reset();
    admin.pinSet = false;
    await typePin(page, PIN);
    await page.getByTestId('pin-ok').click();
    await expect.poll(() => page.getByTestId('pin-error').textContent()).toBe('No admin PIN is set on this display: set one on the setup page.');
    expect(await page.getByTestId('admin-screen').count()).toBe(0);
  });

  it('closes by itself after a minute without a touch, and a touch keeps it open', async () => {
    const page = await open(roomStateJson(), { fake: true });
    feed.set({ ...feed.current(), adminRequestedAt: berlin('10:02') });
    // Paused clock: let the page's effects (scheduled on animation frames) run.
    await expect.poll(async () => {
      await page.clock.runFor(50);
      return page.getByTestId('pin-pad').count();
    }).toBe(1);
    await page.clock.runFor(55_000);
    expect(await page.getByTestId('pin-pad').count()).toBe(1);
    await page.getByTestId('pin-key-7').click();
    await page.clock.runFor(55_000);
    expect(await page.getByTestId('pin-pad').count()).toBe(1);
    await page.clock.runFor(6_000);
    await expect.poll(() => page.getByTestId('pin-pad').count()).toBe(0);
    expect(await page.getByTestId('status-word').textContent()).toBe('Busy');
  });
});

describe('the admin screen', () => {
  it('runs the checks, then shows the device, its room, its account and every check', async () => {
    const page = await open(roomStateJson(), { width: 1280, height: 800 });
    const held = admin.holdDiagnostics();
    await openPinPad(page);
    await typePin(page, PIN);
    await page.getByTestId('pin-ok').click();
    await page.getByTestId('admin-screen').waitFor();
    expect(await page.getByTestId('admin-loading').textContent()).toBe('Running checks…');
    expect(await page.getByTestId('admin-checks').count()).toBe(0);

    held.release();
    await expect.poll(() => page.getByTestId('admin-screen').getAttribute('data-state')).toBe('ready');
    expect(await page.getByTestId('admin-device').textContent()).toBe('lintel-aurora-01');
    expect(await page.getByTestId('admin-addresses').textContent()).toBe('192.168.1.40fe80::1c2b:3aff:fe4d:5e6f');
    expect(await page.getByTestId('admin-room').textContent()).toBe('Auroraaurora@contoso.com');
    expect(await page.getByTestId('admin-signed-in-as').textContent()).toBe('app credentials');
    expect(await page.getByTestId('admin-paired-at').textContent()).toBe('2 Nov 2026, 09:14');
    expect(await page.getByTestId('admin-last-sync').textContent()).toBe('23 Nov 2026, 10:01');
    expect(await page.getByTestId('admin-online').textContent()).toBe('Online');
    expect(await page.getByTestId('admin-versions').textContent()).toBe('Lintel 0.1.0 · Node 20.19.0');
    expect(await page.getByTestId('admin-errors').textContent()).toContain('Microsoft 365 asked to slow down (429)');

    const checks = page.getByTestId('admin-check');
    expect(await checks.count()).toBe(4);
    expect(await checks.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))).toEqual(['PASS', 'WARN', 'FAIL', 'SKIP']);
    const subject = page.locator('[data-testid="admin-check"][data-id="subject"]');
    expect(await subject.textContent()).toBe(
      'FailedMeeting titlesExchange replaces meeting titles with the organiser name.Run Set-CalendarProcessing -Identity aurora@contoso.com -DeleteSubject $false -AddOrganizerToSubject $false',
    );
    expect(await page.locator('[data-testid="admin-check"][data-id="clock"]').textContent()).toBe('OKClockThe clock is in sync.');
    expect(await expectTouchTargets(page, page.getByTestId('admin-screen'), 1280, 800)).toBe(6);
    await screenshot(page, 'admin-screen-1280x800');
  });

  it('fits at 800x480 with every command within reach', async () => {
    const page = await open(roomStateJson());
    await unlock(page);
    // Close, Check again and the four commands.
    expect(await expectTouchTargets(page, page.getByTestId('admin-screen'), 800, 480)).toBe(6);
    await screenshot(page, 'admin-screen-800x480');
    // The details scroll inside the screen; the commands stay put below them.
    const body = await page.locator('.admin-body').boundingBox();
    const commands = await box(page, 'admin-restart');
    expect(body && body.y + body.height <= commands.y).toBe(true);
  });

  it('asks in plain words before a factory reset, and only then sends it', async () => {
    const page = await open(roomStateJson());
    await unlock(page);
    await page.getByTestId('admin-factory-reset').click();
    const dialog = page.getByTestId('admin-factory-reset-dialog');
    expect(await dialog.textContent()).toContain('wipes the Microsoft 365 credentials and the calendar cache');
    expect(await dialog.textContent()).toContain('goes back to “Set up this display”');
    expect(admin.commands).toEqual([]);
    expect(await expectTouchTargets(page, page.getByTestId('admin-screen'), 800, 480)).toBe(4);
    await screenshot(page, 'admin-factory-reset-800x480');

    // Changing one's mind sends nothing.
    await page.getByTestId('admin-factory-reset-cancel').click();
    expect(await dialog.count()).toBe(0);
    expect(admin.commands).toEqual([]);

    await page.getByTestId('admin-factory-reset').click();
    await page.getByTestId('admin-factory-reset-confirm').click();
    await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe(COMMAND_MESSAGES['factory-reset']);
    expect(admin.commands).toEqual(['factory-reset']);
  });

  it('sends re-open setup, change room and restart, and shows what the core answers', async () => {
    const page = await open(roomStateJson());
    await unlock(page);
    for (const command of ['reopen-setup', 'change-room', 'restart'] as const) {
      await page.getByTestId(`admin-${command}`).click();
      await expect.poll(() => page.getByTestId('admin-message').textContent()).toBe(COMMAND_MESSAGES[command]);
    }
    expect(admin.commands).toEqual(['reopen-setup', 'change-room', 'restart']);
  });

  it('goes back to the PIN pad when the session has ended', async () => {
    const page = await open(roomStateJson());
    await unlock(page);
    admin.expireSessions();
    await page.getByTestId('admin-restart').click();
    await page.getByTestId('pin-pad').waitFor();
    expect(await page.getByTestId('pin-error').textContent()).toBe('The admin session has ended: enter the PIN again.');
    expect(admin.commands).toEqual([]);
    expect(await page.getByTestId('admin-screen').count()).toBe(0);

    // A new PIN opens a new session, and the command goes through with it.
    await typePin(page, PIN);
    await page.getByTestId('pin-ok').click();
    await expect.poll(() => page.getByTestId('admin-screen').getAttribute('data-state')).toBe('ready');
    await page.getByTestId('admin-restart').click();
    await expect.poll(() => admin.commands).toEqual(['restart']);
  });

  it('closes with Close, back to the door', async () => {
    const page = await open(roomStateJson());
    await unlock(page);
    await page.getByTestId('admin-close').click();
    await expect.poll(() => page.getByTestId('admin-screen').count()).toBe(0);
    expect(await page.getByTestId('pin-pad').count()).toBe(0);
    expect(await page.getByTestId('status-word').textContent()).toBe('Busy');
  });

  it('closes by itself after 2 minutes without a touch', async () => {
    const page = await open(roomStateJson(), { fake: true });
    feed.set({ ...feed.current(), adminRequestedAt: berlin('10:02') });
    const settle = async (testId: string, attr: string | null, value: string | number): Promise<void> => {
      await expect.poll(async () => {
        await page.clock.runFor(50);
        const l = page.getByTestId(testId);
        return attr ? l.getAttribute(attr) : l.count();
      }).toBe(value);
    };
    await settle('pin-pad', null, 1);
    await typePin(page, PIN);
    await page.getByTestId('pin-ok').click();
    await settle('admin-screen', 'data-state', 'ready');
    await page.clock.runFor(110_000);
    expect(await page.getByTestId('admin-screen').count()).toBe(1);
    await page.getByTestId('admin-screen').click({ position: { x: 300, y: 150 } });
    await page.clock.runFor(110_000);
    expect(await page.getByTestId('admin-screen').count()).toBe(1);
    await page.clock.runFor(11_000);
    await expect.poll(() => page.getByTestId('admin-screen').count()).toBe(0);
    expect(await page.getByTestId('pin-pad').count()).toBe(0);
  });

  it('speaks German around the core’s own words', async () => {
    const de = { locale: 'de-DE', hourCycle: 'h23', devOverlay: false } as const;
    const page = await open(roomStateJson({ display: de }));
    await openPinPad(page);
    expect(await page.getByTestId('pin-ok').textContent()).toBe('OK');
    expect(await page.getByTestId('pin-cancel').textContent()).toBe('Abbrechen');
    await typePin(page, PIN);
    await page.getByTestId('pin-ok').click();
    await expect.poll(() => page.getByTestId('admin-screen').getAttribute('data-state')).toBe('ready');
    expect(await page.getByTestId('admin-reopen-setup').textContent()).toBe('Einrichtung öffnen');
    expect(await page.getByTestId('admin-factory-reset').textContent()).toBe('Zurücksetzen');
    expect(await page.getByTestId('admin-close').textContent()).toBe('Schließen');
    expect(await page.getByTestId('admin-paired-at').textContent()).toBe('02.11.2026, 09:14');
    await page.getByTestId('admin-factory-reset').click();
    expect(await page.getByTestId('admin-factory-reset-dialog').textContent()).toContain('Kalender-Zwischenspeicher');
    await screenshot(page, 'admin-factory-reset-de-800x480');
  });
});
