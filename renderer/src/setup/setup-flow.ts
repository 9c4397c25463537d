import type {
  CheckLineJson,
  CheckStatusJson,
  RoomChoiceJson,
  SetupSignInJson,
  SetupSignInRequest,
  SetupStatusJson,
} from '../../../src/api/contract.js';
import type { ChosenRoom } from './setup-token.js';
import {
  checkCertificatePem,
  checkClientId,
  checkSecret,
  checkSecretExpiry,
  checkTenant,
  cleanId,
} from './setup-validate.js';

/** 1 sign in, 2 room, 3 checks, 4 PIN and pair. */
export type SetupStep = 1 | 2 | 3 | 4;

export const STEP_NAMES: Record<SetupStep, string> = {
  1: 'Sign in',
  2: 'Room',
  3: 'Checks',
  4: 'Pair',
};

export type SignInMode = 'delegated' | 'app';
export type AppKind = 'secret' | 'certificate';

/** What the sign-in form holds; the secret and PEM stay in memory only. */
export interface SignInForm {
  mode: SignInMode;
  appKind: AppKind;
  tenant: string;
  clientId: string;
  secret: string;
  /** YYYY-MM-DD or empty. */
  secretExpires: string;
  certificatePem: string;
}

export type SignInField = 'tenant' | 'clientId' | 'secret' | 'secretExpires' | 'certificatePem';
export type FieldErrors = Partial<Record<SignInField, string>>;

/** Only the fields the chosen mode sends are checked: a stale secret does not block a delegated sign-in. */
export function checkSignInForm(form: SignInForm, today: string): FieldErrors {
  const errors: FieldErrors = {};
  const put = (field: SignInField, message: string | null): void => {
    if (message) errors[field] = message;
  };
  put('tenant', checkTenant(form.tenant));
  put('clientId', checkClientId(form.clientId));
  if (form.mode === 'app' && form.appKind === 'secret') {
    put('secret', checkSecret(form.secret));
    put('secretExpires', checkSecretExpiry(form.secretExpires, today));
  }
  if (form.mode === 'app' && form.appKind === 'certificate') put('certificatePem', checkCertificatePem(form.certificatePem));
  return errors;
}

export function signInRequest(form: SignInForm): SetupSignInRequest {
  const tenant = cleanId(form.tenant);
  const clientId = cleanId(form.clientId);
  if (form.mode === 'delegated') return { mode: 'delegated', tenant, clientId };
  if (form.appKind === 'certificate') return { mode: 'app-certificate', tenant, clientId, certificatePem: form.certificatePem };
  const secret = form.secret.trim();
  return form.secretExpires === ''
    ? { mode: 'app-secret', tenant, clientId, secret }
    : { mode: 'app-secret', tenant, clientId, secret, secretExpires: form.secretExpires };
}

/** The phone's own calendar date, YYYY-MM-DD, as a date input writes it. */
export function localDate(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The page's screens: the checks and the PIN share one, so the PIN can be typed while checks run. */
export type SetupScreen = 'sign-in' | 'room' | 'checks';

/**
 * Where a (re)loaded page picks up: a reload mid-setup should not make the admin sign in again.
 * Checks that ran for the remembered room resume there; a signed-in display goes to the room.
 */
export function resumeScreen(status: SetupStatusJson, room: ChosenRoom | null): SetupScreen {
  if (status.signIn.state !== 'signed-in') return 'sign-in';
  if (room && status.checks && sameMailbox(status.checks.roomEmail, room.email)) return 'checks';
  return 'room';
}

/** The step the indicator marks: the checks screen becomes step 4 once pairing is open. */
export function indicatorStep(screen: SetupScreen, verdict: ChecksVerdict): SetupStep {
  if (screen === 'sign-in') return 1;
  if (screen === 'room') return 2;
  return verdict === 'passed' ? 4 : 3;
}

/**
 * A delegated sign-in finished while the admin was away on Microsoft's page: move on to the room
 * by itself. Only on that change, so going back to step 1 on purpose stays there.
 */
export function signInJustFinished(previous: SetupStatusJson | null, next: SetupStatusJson): boolean {
  return previous !== null && previous.signIn.state === 'waiting' && next.signIn.state === 'signed-in';
}

export const SIGN_IN_POLL_MS = 2000;
export const CHECKS_POLL_MS = 1000;

/**
 * How often to ask the display for its status, or null for not at all: only while something the
 * admin waits for happens on the display (a device-code sign-in, checks that run).
 */
export function pollPeriod(screen: SetupScreen, status: SetupStatusJson | null, verdict: ChecksVerdict, checksStart: 'idle' | 'starting' | 'failed'): number | null {
  if (!status) return null;
  if (screen === 'sign-in') return status.signIn.state === 'waiting' ? SIGN_IN_POLL_MS : null;
  if (screen === 'checks' && checksStart === 'idle' && (verdict === 'pending' || verdict === 'running')) return CHECKS_POLL_MS;
  return null;
}

/** The check route's answer is not named by the contract; when it is a status, it saves a request. */
export function looksLikeStatus(v: unknown): v is SetupStatusJson {
  return typeof v === 'object' && v !== null && 'signIn' in v && 'checks' in v && 'deviceName' in v;
}

export function sameMailbox(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * pending: the checks for this room have not shown up in the status yet;
 * running: some lines still run; failed: at least one FAIL (pairing stays closed);
 * passed: finished with no FAIL (WARN and SKIP allow pairing).
 */
export type ChecksVerdict = 'pending' | 'running' | 'failed' | 'passed';

export function checksVerdict(checks: SetupStatusJson['checks'], roomEmail: string): ChecksVerdict {
  if (!checks || !sameMailbox(checks.roomEmail, roomEmail)) return 'pending';
  if (checks.running || checks.lines.some((l) => l.status === 'RUNNING')) return 'running';
  if (checks.lines.some((l) => l.status === 'FAIL')) return 'failed';
  return 'passed';
}

export function countByStatus(lines: readonly CheckLineJson[]): Record<CheckStatusJson, number> {
  const counts: Record<CheckStatusJson, number> = { PASS: 0, WARN: 0, FAIL: 0, SKIP: 0, RUNNING: 0 };
  for (const l of lines) counts[l.status] += 1;
  return counts;
}

/** A symbol for the eye and a word for screen readers (and for anyone who does not read symbols). */
export const CHECK_MARK: Record<CheckStatusJson, { symbol: string; word: string }> = {
  RUNNING: { symbol: '…', word: 'Checking' },
  PASS: { symbol: '✓', word: 'OK' },
  WARN: { symbol: '!', word: 'Warning' },
  FAIL: { symbol: '✕', word: 'Failed' },
  SKIP: { symbol: '–', word: 'Skipped' },
};

/** "Building 4 · Floor 2 · 8 seats"; empty when Places knows none of it. */
export function roomDetails(room: Pick<RoomChoiceJson, 'building' | 'floor' | 'capacity'>): string {
  const parts: string[] = [];
  const building = room.building?.trim();
  const floor = room.floor?.trim();
  if (building) parts.push(building);
  if (floor) parts.push(/^-?\d+$/.test(floor) ? `Floor ${floor}` : floor);
  if (room.capacity !== null && Number.isFinite(room.capacity) && room.capacity > 0) {
    parts.push(room.capacity === 1 ? '1 seat' : `${room.capacity} seats`);
  }
  return parts.join(' · ');
}

/** The short code as shown by the display, for the header; tolerant of a server without the dash. */
export function displayCode(code: string): string {
  const c = code.trim().toUpperCase();
  return /^[A-Z0-9]{8}$/.test(c) ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
}

/**
 * Who the display signs in as: "as" a user's address, or "with" the kind of app credential (an
 * app's "account" is not a person). Split so the address can sit in its own bidi-isolated span.
 */
export function signedInWording(signIn: Pick<SetupSignInJson, 'mode' | 'account'>): { joiner: 'as' | 'with'; who: string } {
  if (signIn.mode === 'app-secret') return { joiner: 'with', who: 'an app client secret' };
  if (signIn.mode === 'app-certificate') return { joiner: 'with', who: 'an app certificate' };
  return { joiner: 'as', who: signIn.account ?? 'the booking account' };
}
