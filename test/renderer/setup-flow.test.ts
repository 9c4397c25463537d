import { describe, expect, it } from 'vitest';
import type { CheckLineJson, SetupStatusJson } from '../../src/api/contract.js';
import {
  CHECKS_POLL_MS,
  SIGN_IN_POLL_MS,
  checkSignInForm,
  checksVerdict,
  displayCode,
  indicatorStep,
  localDate,
  looksLikeStatus,
  pollPeriod,
  resumeScreen,
  roomDetails,
  signInJustFinished,
  signInRequest,
  signedInWording,
  type SignInForm,
} from '../../renderer/src/setup/setup-flow.js';

const GUID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '0c0a5b8e-1111-4a4a-9b9b-123456789abc';
const ROOM = 'room.4b@contoso.com';

function status(partial: Partial<SetupStatusJson> = {}, signIn: Partial<SetupStatusJson['signIn']> = {}): SetupStatusJson {
  return {
    deviceName: 'lintel-4b',
    address: 'http://192.168.1.40:8421/setup',
    code: 'K7QM-2XHD',
    expiresAt: '2026-11-21T15:00:00+01:00',
    reopened: false,
    defaults: { tenant: null, clientId: null },
    checks: null,
    ...partial,
    signIn: {
      mode: null,
      state: 'none',
      userCode: null,
      verificationUri: null,
      codeExpiresAt: null,
      account: null,
      error: null,
      ...signIn,
    },
  };
}

const line = (id: string, s: CheckLineJson['status']): CheckLineJson => ({ id, name: id, status: s, title: '', fix: s === 'FAIL' ? 'Do this.' : null });

function form(partial: Partial<SignInForm>): SignInForm {
  return { mode: 'app', appKind: 'secret', tenant: GUID, clientId: CLIENT, secret: 'v~alue', secretExpires: '', certificatePem: '', ...partial };
}

describe('the sign-in request', () => {
  it('sends only what the chosen mode needs, cleaned', () => {
    expect(signInRequest(form({ mode: 'delegated', tenant: ' contoso.onmicrosoft.com ', clientId: `{${CLIENT}}` }))).toEqual({
      mode: 'delegated',
      tenant: 'contoso.onmicrosoft.com',
      clientId: CLIENT,
    });
    expect(signInRequest(form({ secret: ' s3cret ' }))).toEqual({ mode: 'app-secret', tenant: GUID, clientId: CLIENT, secret: 's3cret' });
    expect(signInRequest(form({ secretExpires: '2027-01-31' }))).toEqual({
      mode: 'app-secret',
      tenant: GUID,
      clientId: CLIENT,
      secret: 'v~alue',
      secretExpires: '2027-01-31',
    });
    expect(signInRequest(form({ appKind: 'certificate', certificatePem: 'PEM' }))).toEqual({
      mode: 'app-certificate',
      tenant: GUID,
      clientId: CLIENT,
      certificatePem: 'PEM',
    });
  });

  it('checks only the fields of the chosen mode', () => {
    expect(checkSignInForm(form({ mode: 'delegated', secret: '' }), '2026-11-21')).toEqual({});
    expect(Object.keys(checkSignInForm(form({ secret: '' }), '2026-11-21'))).toEqual(['secret']);
    expect(Object.keys(checkSignInForm(form({ appKind: 'certificate' }), '2026-11-21'))).toEqual(['certificatePem']);
    expect(Object.keys(checkSignInForm(form({ tenant: 'x', clientId: 'y', secretExpires: '2020-01-01' }), '2026-11-21'))).toEqual([
      'tenant',
      'clientId',
      'secretExpires',
    ]);
  });

  it('dates the expiry by the phone’s own calendar', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('where a reloaded page picks up', () => {
  it('starts at sign-in until the display is signed in', () => {
    expect(resumeScreen(status({}, { state: 'waiting' }), null)).toBe('sign-in');
  });

  it('goes to the room once signed in, and to the checks of the remembered room', () => {
    const signedIn = status({ checks: { roomEmail: 'Room.4B@contoso.com', running: false, lines: [] } }, { state: 'signed-in' });
    expect(resumeScreen(signedIn, null)).toBe('room');
    expect(resumeScreen(signedIn, { email: ROOM, name: 'Room 4B' })).toBe('checks');
    expect(resumeScreen(signedIn, { email: 'other@contoso.com', name: null })).toBe('room');
  });
});

describe('the checks verdict', () => {
  it('is pending until the status holds checks for this room', () => {
    expect(checksVerdict(null, ROOM)).toBe('pending');
    expect(checksVerdict({ roomEmail: 'old@contoso.com', running: false, lines: [line('a', 'PASS')] }, ROOM)).toBe('pending');
  });

  it('runs while the status says so or any line still runs', () => {
    expect(checksVerdict({ roomEmail: ROOM, running: true, lines: [] }, ROOM)).toBe('running');
    expect(checksVerdict({ roomEmail: ROOM, running: false, lines: [line('a', 'PASS'), line('b', 'RUNNING')] }, ROOM)).toBe('running');
  });

  it('fails on any FAIL; WARN and SKIP still pass', () => {
    expect(checksVerdict({ roomEmail: ROOM, running: false, lines: [line('a', 'PASS'), line('b', 'FAIL')] }, ROOM)).toBe('failed');
    expect(checksVerdict({ roomEmail: ROOM, running: false, lines: [line('a', 'WARN'), line('b', 'SKIP')] }, ROOM)).toBe('passed');
  });

  it('moves the indicator to step 4 only once pairing is open', () => {
    expect(indicatorStep('sign-in', 'pending')).toBe(1);
    expect(indicatorStep('room', 'passed')).toBe(2);
    expect(indicatorStep('checks', 'running')).toBe(3);
    expect(indicatorStep('checks', 'failed')).toBe(3);
    expect(indicatorStep('checks', 'passed')).toBe(4);
  });
});

describe('polling the status', () => {
  it('polls every 2 s while a device-code sign-in waits', () => {
    expect(pollPeriod('sign-in', status({}, { state: 'waiting' }), 'pending', 'idle')).toBe(SIGN_IN_POLL_MS);
    expect(SIGN_IN_POLL_MS).toBe(2000);
    expect(pollPeriod('sign-in', status({}, { state: 'failed' }), 'pending', 'idle')).toBeNull();
    expect(pollPeriod('sign-in', status({}, { state: 'signed-in' }), 'pending', 'idle')).toBeNull();
  });

  it('polls every second while the checks run, and not while they start or after they end', () => {
    const s = status({}, { state: 'signed-in' });
    expect(pollPeriod('checks', s, 'running', 'idle')).toBe(CHECKS_POLL_MS);
    expect(CHECKS_POLL_MS).toBe(1000);
    expect(pollPeriod('checks', s, 'pending', 'idle')).toBe(CHECKS_POLL_MS);
    expect(pollPeriod('checks', s, 'running', 'starting')).toBeNull();
    expect(pollPeriod('checks', s, 'pending', 'failed')).toBeNull();
    expect(pollPeriod('checks', s, 'passed', 'idle')).toBeNull();
    expect(pollPeriod('checks', s, 'failed', 'idle')).toBeNull();
    expect(pollPeriod('room', s, 'running', 'idle')).toBeNull();
    expect(pollPeriod('checks', null, 'running', 'idle')).toBeNull();
  });

  it('moves on by itself only when a waiting sign-in finishes', () => {
    const waiting = status({}, { state: 'waiting' });
    const done = status({}, { state: 'signed-in', account: 'booking@contoso.com' });
    expect(signInJustFinished(waiting, done)).toBe(true);
    expect(signInJustFinished(done, done)).toBe(false);
    expect(signInJustFinished(null, done)).toBe(false);
    expect(signInJustFinished(waiting, status({}, { state: 'failed' }))).toBe(false);
  });

  it('recognises a status in the check route’s answer', () => {
    expect(looksLikeStatus(status())).toBe(true);
    expect(looksLikeStatus({ started: true })).toBe(false);
    expect(looksLikeStatus(null)).toBe(false);
  });
});

describe('how a room reads in the list', () => {
  it('joins what Places knows', () => {
    expect(roomDetails({ building: 'HQ', floor: '2', capacity: 8 })).toBe('HQ · Floor 2 · 8 seats');
    expect(roomDetails({ building: null, floor: 'Ground floor', capacity: 1 })).toBe('Ground floor · 1 seat');
    expect(roomDetails({ building: '  ', floor: null, capacity: 0 })).toBe('');
    expect(roomDetails({ building: null, floor: null, capacity: null })).toBe('');
  });

  it('shows the display’s code in its two groups', () => {
    expect(displayCode('k7qm2xhd')).toBe('K7QM-2XHD');
    expect(displayCode('K7QM-2XHD')).toBe('K7QM-2XHD');
    expect(displayCode('ABC')).toBe('ABC');
  });
});

describe('who the display signs in as', () => {
  it('names a user, or the kind of app credential', () => {
    expect(signedInWording({ mode: 'delegated', account: 'booking@contoso.com' })).toEqual({ joiner: 'as', who: 'booking@contoso.com' });
    expect(signedInWording({ mode: 'app-secret', account: 'app credentials' })).toEqual({ joiner: 'with', who: 'an app client secret' });
    expect(signedInWording({ mode: 'app-certificate', account: null })).toEqual({ joiner: 'with', who: 'an app certificate' });
  });
});
