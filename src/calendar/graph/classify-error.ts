/** Every way a Graph or token call can fail, each with its own handling (DESIGN.md §4, §5). */
export type FailureKind =
  | 'auth' // 401: token expired or revoked; refresh once, then the admin must sign in again
  | 'consent-missing' // admin consent or a permission is missing
  | 'scoped-out' // an application access policy / RBAC scope excludes this mailbox
  | 'not-found' // the room address does not exist or has no mailbox
  | 'throttled' // 429, or 503 with Retry-After: wait at least that long
  | 'server' // 5xx: retry with backoff
  | 'network' // no answer at all: DNS, TCP, TLS, timeout
  | 'sync-reset' // delta state gone (410, syncStateNotFound, resyncRequired): start a full sync
  | 'bad-request'; // our request is wrong: a bug, not retried quickly

export interface Failure {
  readonly kind: FailureKind;
  /** Graph's error code or the system error code, for logs and tests. */
  readonly code: string;
  /** How long the service asked us to wait, if it did. */
  readonly retryAfterMs: number | null;
  /** A sentence for the admin: what is wrong and what to change. */
  readonly advice: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  /** Header lookup, case-insensitive (fetch Headers or a plain record). */
  readonly header: (name: string) => string | null;
}

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'ABORT_ERR']);

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function graphErrorCode(body: unknown): { code: string; message: string } {
  if (typeof body === 'object' && body !== null) {
    const b = body as { error?: unknown; error_codes?: unknown; error_description?: unknown };
    if (typeof b.error === 'object' && b.error !== null) {
      const e = b.error as { code?: unknown; message?: unknown };
      return { code: typeof e.code === 'string' ? e.code : '', message: typeof e.message === 'string' ? e.message : '' };
    }
    if (typeof b.error === 'string') {
      return { code: b.error, message: typeof b.error_description === 'string' ? b.error_description : '' };
    }
  }
  return { code: '', message: '' };
}

/** Classifies an HTTP answer from Graph or the token endpoint. `room` names the mailbox in advice. */
export function classifyHttp(answer: HttpAnswer, room: string, now: number): Failure {
  const { code, message } = graphErrorCode(answer.body);
  const retryAfterMs = parseRetryAfter(answer.header('retry-after'), now);
  const lower = `${code} ${message}`.toLowerCase();
  const f = (kind: FailureKind, advice: string): Failure => ({ kind, code: code || `HTTP_${answer.status}`, retryAfterMs, advice });

  if (answer.status === 410 || /syncstatenotfound|resyncrequired|syncstateinvalid/.test(lower)) {
    return f('sync-reset', 'The calendar change-tracking state expired; Lintel reloads the whole window. Nothing to do.');
  }
  if (answer.status === 429 || (answer.status === 503 && retryAfterMs !== null)) {
    return f('throttled', 'Microsoft 365 is throttling requests for this mailbox; Lintel waits as asked. If it persists, lower sync frequency or check other apps using the same app registration.');
  }
  if (/aadsts65001|consent_required|authorization_requestdenied|aadsts650057/.test(lower) || (answer.status === 403 && code === 'Authorization_RequestDenied')) {
    return f('consent-missing', 'The app registration lacks a permission or admin consent: grant Calendars.ReadWrite (application) or Calendars.ReadWrite.Shared (delegated) and press "Grant admin consent" in Entra ID.');
  }
  if (answer.status === 403 && (code === 'ErrorAccessDenied' || /access to odata is disabled|accesspolicy|raop/.test(lower))) {
    return f('scoped-out', `The app is not allowed to read ${room}: an application access policy or RBAC for Applications scope excludes it. Add the room to the policy's group (Test-ApplicationAccessPolicy -Identity ${room} -AppId <client id> shows the verdict).`);
  }
  if (answer.status === 401 || /invalid_client|aadsts7000215|aadsts700027|invalid_grant|aadsts70008|aadsts700082/.test(lower)) {
    return f('auth', /7000215|invalid client secret/.test(lower)
      ? 'The client secret is wrong or expired: create a new secret in Entra ID > Certificates & secrets and put its Value in the secret file.'
      : 'Microsoft 365 refused the credentials: sign in again, or check the tenant id, client id and secret or certificate.');
  }
  if (answer.status === 404 || /erroritemnotfound|mailboxnotenabledforrestapi|resourcenotfound|errorinvaliduser/.test(lower)) {
    return f('not-found', `No mailbox answers at ${room}: check the room address (it must be the room's primary SMTP address) and that the room has an Exchange Online mailbox.`);
  }
  if (answer.status >= 500) return f('server', 'Microsoft 365 had a server error; Lintel retries with backoff and keeps showing the cached calendar.');
  return f('bad-request', `Microsoft 365 rejected a request (${answer.status} ${code}). This is likely a Lintel bug: please report it with the log.`);
}

/** Classifies a thrown error (no HTTP answer). */
export function classifyThrown(err: unknown): Failure {
  const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : '';
  const cause = typeof err === 'object' && err !== null && 'cause' in err ? err.cause : undefined;
  const causeCode = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : '';
  const name = err instanceof Error ? err.name : '';
  const effective = code || causeCode || name;
  if (NETWORK_CODES.has(effective) || name === 'AbortError' || name === 'TimeoutError' || (err instanceof TypeError && /fetch failed/i.test(err.message))) {
    return {
      kind: 'network',
      code: effective || 'NETWORK',
      retryAfterMs: null,
      advice: 'Microsoft 365 cannot be reached: check the network cable or Wi-Fi, DNS and any proxy or firewall for login.microsoftonline.com and graph.microsoft.com.',
    };
  }
  return { kind: 'bad-request', code: effective || 'UNEXPECTED', retryAfterMs: null, advice: 'An unexpected error happened while talking to Microsoft 365; see the log.' };
}

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * Exponential backoff with equal jitter (half fixed, half random), capped, and never shorter than what the service asked for.
 * `random` in [0, 1) is injected so tests are exact.
 */
export function retryDelayMs(attempt: number, failure: Pick<Failure, 'retryAfterMs'>, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential / 2 + (random * exponential) / 2);
  return Math.max(jittered, failure.retryAfterMs ?? 0);
}
