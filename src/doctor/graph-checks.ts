import { DateTime } from 'luxon';
import { connectGraph, type GraphWiring } from '../app/graph-connection.js';
import type { AppCredential } from '../auth/credentials.js';
import { DeviceCodeProvider } from '../auth/device-code-provider.js';
import { loopbackTransport } from '../auth/loopback-transport.js';
import type { ObservedResponse } from '../auth/network-client.js';
import type { GraphEvent } from '../calendar/graph/graph-event.js';
import { GraphFailure } from '../calendar/graph/graph-failure.js';
import { windowQuery } from '../calendar/graph/graph-time.js';
import type { GraphConnection, LintelConfig } from '../config/load-config.js';
import { startOfDay } from '../domain/time.js';
import type { Clock } from '../util/clock.js';
import { errorMessage, LintelError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { judgeClockSkew } from './clock-skew.js';
import { checkCredential, checkExpiry } from './local-checks.js';
import { judgeSubjects, judgeTimeZone } from './mailbox-judgements.js';
import { fail, pass, warn, type CheckId, type DoctorLine, type SkippedCheck } from './report.js';
import { scratchTokenCache, type ScratchTokenCache } from './scratch-token-cache.js';
import { judgeWritePermission } from './token-claims.js';

export interface GraphCheckDeps {
  readonly config: LintelConfig;
  readonly connection: GraphConnection;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly env: NodeJS.ProcessEnv;
  /** Used only for the clock probe; MSAL and Graph calls go through the product's own clients. */
  readonly fetch: typeof fetch;
  readonly onIdentityResponse?: (r: ObservedResponse) => void;
  readonly onGraphResponse?: (info: { url: string; status: number; bytes: number }) => void;
}

export interface CheckResults {
  readonly lines: DoctorLine[];
  readonly skipped: SkippedCheck[];
}

/** Meetings of a week rather than a day: a quiet day has too few to judge the subject setting. */
const READ_DAYS = 7;

interface Collector extends CheckResults {
  skip(ids: readonly CheckId[], because: string): void;
}

function collector(): Collector {
  const lines: DoctorLine[] = [];
  const skipped: SkippedCheck[] = [];
  const titles: Partial<Record<CheckId, string>> = {
    'sign-in': 'getting a token',
    mailbox: 'reading the room mailbox',
    write: 'permission to book',
    subjects: 'subject/organizer setting',
    'time-zone': 'time zone',
    expiry: 'credential expiry',
  };
  return {
    lines,
    skipped,
    skip(ids, because) {
      for (const id of ids) skipped.push({ id, title: titles[id] ?? id, because });
    },
  };
}

/** When sign-in made no network call (nobody signed in), ask the sign-in service for its time directly. */
async function probeSignInClock(d: GraphCheckDeps): Promise<ObservedResponse | null> {
  const c = d.connection;
  const transport = loopbackTransport([c.authorityOrigin, c.graphOrigin]);
  const url = `${transport.logical(c.authorityOrigin)}/${encodeURIComponent(c.tenant)}/v2.0/.well-known/openid-configuration`;
  try {
    const res = await d.fetch(transport.physical(url), { signal: AbortSignal.timeout(10_000) });
    await res.body?.cancel();
    const date = Date.parse(res.headers.get('date') ?? '');
    return { url, status: res.status, serverDate: Number.isNaN(date) ? null : date, receivedAt: d.clock.now() };
  } catch {
    // No answer: the sign-in check says why; the clock line says it could not measure.
    return null;
  }
}

function signInFailure(err: unknown): DoctorLine {
  if (err instanceof GraphFailure) {
    if (err.failure.code === 'SIGN_IN_NEEDED') return notSignedIn(null);
    return fail('sign-in', `no token (${err.failure.code})`, err.failure.advice);
  }
  return fail('sign-in', 'no token: unexpected error', `${errorMessage(err)}. Run with LINTEL_LOG_LEVEL=debug for details.`);
}

function notSignedIn(account: string | null): DoctorLine {
  return fail('sign-in', 'not signed in', `Start lintel and sign in with the code on the door${account ? ` as ${account}` : ''}.`);
}

function mailboxFailure(err: unknown, room: string): DoctorLine {
  if (!(err instanceof GraphFailure)) return fail('mailbox', `cannot read ${room}: unexpected error`, errorMessage(err));
  const { kind, code, advice } = err.failure;
  // Throttling and server errors pass by themselves: worth a look, not a failed install.
  if (kind === 'throttled' || kind === 'server') return warn('mailbox', `Microsoft 365 did not answer for ${room} just now (${code})`, `${advice} Run doctor again in a few minutes.`);
  return fail('mailbox', `cannot read ${room} (${code})`, advice);
}

interface SignedIn {
  readonly token: string;
  readonly mode: 'app' | 'delegated';
}

/** Gets a fresh token; a cached one would hide a secret or a sign-in revoked since it was issued. */
async function signIn(wiring: GraphWiring, c: GraphConnection, out: Collector): Promise<SignedIn | null> {
  const tokens = wiring.tokens;
  let account: string | null = null;
  try {
    if (tokens instanceof DeviceCodeProvider) {
      // token() starts a device-code round (polling the sign-in service until someone signs in) when
      // it finds no usable sign-in. A closed provider never starts one, and still answers from the cache.
      tokens.close();
      const found = await tokens.account();
      if (!found) {
        out.lines.push(notSignedIn(c.account));
        return null;
      }
      account = found.username;
    }
    const token = await tokens.token({ forceRefresh: true });
    out.lines.push(pass('sign-in', account ? `signed in as ${account}` : `app-only token for client ${c.clientId}`));
    return { token, mode: tokens.mode };
  } catch (err) {
    out.lines.push(signInFailure(err));
    return null;
  }
}

/** Reads the room's meetings the way sync does (calendarView), one page: enough to prove access and judge subjects. */
async function readMailbox(wiring: GraphWiring, d: GraphCheckDeps): Promise<GraphEvent[]> {
  const zone = d.config.room.timeZone;
  const start = startOfDay(d.clock.now(), zone);
  const end = DateTime.fromMillis(start, { zone }).plus({ days: READ_DAYS }).toMillis();
  const room = encodeURIComponent(d.connection.roomEmail);
  const body = await wiring.http.getJson(`/users/${room}/calendarView?${windowQuery(start, end)}&$select=subject,organizer`, 100);
  const value = typeof body === 'object' && body !== null ? (body as { value?: unknown }).value : undefined;
  return Array.isArray(value) ? (value as GraphEvent[]) : [];
}

async function signedInChecks(wiring: GraphWiring, d: GraphCheckDeps, out: Collector): Promise<void> {
  const c = d.connection;
  const signedIn = await signIn(wiring, c, out);
  if (!signedIn) {
    out.skip(['mailbox', 'write', 'subjects', 'time-zone'], 'they need a token');
    return;
  }
  let events: GraphEvent[] | null = null;
  try {
    events = await readMailbox(wiring, d);
    const n = events.length;
    out.lines.push(pass('mailbox', `read ${n} meeting${n === 1 ? '' : 's'} of ${c.roomEmail} (today and the next ${READ_DAYS - 1} days)`));
  } catch (err) {
    out.lines.push(mailboxFailure(err, c.roomEmail));
  }
  out.lines.push(judgeWritePermission(signedIn.mode, signedIn.token));
  if (events === null) {
    out.skip(['subjects', 'time-zone'], 'the room mailbox could not be read');
    return;
  }
  out.lines.push(judgeSubjects(events, c.roomEmail));
  try {
    const details = await wiring.readDetails();
    out.lines.push(judgeTimeZone(details.timeZone, d.config.room, d.clock.now()));
  } catch (err) {
    const advice = err instanceof GraphFailure ? err.failure.advice : errorMessage(err);
    out.lines.push(warn('time-zone', "the mailbox's time zone could not be read", advice));
  }
}

/** Every check of a Microsoft 365 connection after the config: credential, clock, sign-in, mailbox, booking, subjects, zone, expiry. */
export async function graphChecks(d: GraphCheckDeps): Promise<CheckResults> {
  const c = d.connection;
  const out = collector();
  const observed: ObservedResponse[] = [];
  const observe = (r: ObservedResponse): void => {
    observed.push(r);
    d.onIdentityResponse?.(r);
  };

  let credential: AppCredential | null = null;
  if (c.auth !== 'delegated') {
    const outcome = checkCredential(c, d.env);
    out.lines.push(outcome.line);
    credential = outcome.credential;
  }

  if (c.auth !== 'delegated' && credential === null) {
    out.skip(['sign-in', 'mailbox', 'write', 'subjects', 'time-zone', 'expiry'], 'the credential cannot be used');
  } else {
    let cache: ScratchTokenCache | null = null;
    try {
      cache = scratchTokenCache(d.dataDir, { copy: c.auth === 'delegated' });
    } catch (err) {
      out.lines.push(fail('sign-in', 'the saved sign-in cannot be read', err instanceof LintelError ? err.message : errorMessage(err)));
      out.skip(['mailbox', 'write', 'subjects', 'time-zone'], 'they need a token');
    }
    if (cache) {
      const wiring = connectGraph({
        connection: c,
        room: () => ({ name: d.config.room.name ?? c.roomEmail, email: c.roomEmail, timeZone: d.config.room.timeZone, capacity: null }),
        dataDir: cache.dir,
        logger: d.logger,
        clock: d.clock,
        env: d.env,
        onIdentityResponse: observe,
        ...(d.onGraphResponse ? { onGraphResponse: d.onGraphResponse } : {}),
      });
      try {
        await signedInChecks(wiring, d, out);
      } finally {
        wiring.tokens.close();
        cache.dispose();
      }
    }
  }

  if (observed.length === 0) {
    const probe = await probeSignInClock(d);
    if (probe) observe(probe);
  }
  out.lines.push(judgeClockSkew(observed));
  if (credential) out.lines.push(checkExpiry(credential, d.clock.now()));
  else if (c.auth === 'delegated') out.lines.push(pass('expiry', 'delegated sign-in: no app secret or certificate to expire'));
  return { lines: out.lines, skipped: out.skipped };
}
