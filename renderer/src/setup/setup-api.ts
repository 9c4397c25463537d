import {
  SETUP_ROUTES,
  type ApiError,
  type ApiResult,
  type RoomListJson,
  type SetupCheckRequest,
  type SetupCodeRequest,
  type SetupConfirmRequest,
  type SetupDoneJson,
  type SetupSignInRequest,
  type SetupStatusJson,
  type SetupTokenJson,
} from '../../../src/api/contract.js';
import { CLIENT_ERRORS, UNREACHABLE_MESSAGE } from './setup-errors.js';

/**
 * Long enough for an app sign-in (the display asks Microsoft for a token before answering),
 * short enough that a phone that lost the Wi-Fi says so instead of spinning.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The setup server's API as the page uses it. Never rejects: a network failure, a timeout or a
 * stranger's answer all come back as `ok:false` with a code `presentError` words.
 */
export interface SetupApi {
  exchangeCode(request: SetupCodeRequest): Promise<ApiResult<SetupTokenJson>>;
  status(): Promise<ApiResult<SetupStatusJson>>;
  signIn(request: SetupSignInRequest): Promise<ApiResult<SetupStatusJson>>;
  rooms(query: string, signal?: AbortSignal): Promise<ApiResult<RoomListJson>>;
  /** The contract names no answer for this route: only ok or not matters; the lines come from `status`. */
  check(request: SetupCheckRequest): Promise<ApiResult<unknown>>;
  confirm(request: SetupConfirmRequest): Promise<ApiResult<SetupDoneJson>>;
}

export interface SetupApiOptions {
  /** The current token; read per request because the code form can set it later. */
  token: () => string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

function failure(code: string, message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}

export function isApiResult(v: unknown): v is ApiResult<unknown> {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  if (v.ok === true) return 'value' in v;
  if (v.ok !== false || !('error' in v)) return false;
  const e = v.error;
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' && 'message' in e && typeof e.message === 'string';
}

/** Same-origin path of the room search; an empty query lists the first rooms. */
export function roomsUrl(query: string): string {
  return `${SETUP_ROUTES.rooms}?${new URLSearchParams({ q: query.trim() }).toString()}`;
}

export function requestHeaders(token: string | null, withBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (withBody) headers['content-type'] = 'application/json';
  return headers;
}

export function createSetupApi(options: SetupApiOptions): SetupApi {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;

  /**
   * One request. The caller's signal cancels (answered as ABORTED, which the page ignores); the
   * timeout answers as UNREACHABLE. `typed` only asserts the shape the contract promises: the
   * server is the device itself, so its answers are trusted beyond being an ApiResult.
   */
  async function call<T>(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal, sendToken = true): Promise<ApiResult<T>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = globalThis.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const forward = (): void => controller.abort();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener('abort', forward);
    try {
      const response = await doFetch(path, {
        method,
        headers: requestHeaders(sendToken ? options.token() : null, body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        // The token must not linger in any cache, and the answers are live state.
        cache: 'no-store',
        credentials: 'same-origin',
      });
      // A 4xx carries the refusal in the same shape; anything else is not the display talking.
      const parsed: unknown = await response.json().catch(() => null);
      if (isApiResult(parsed)) return parsed as ApiResult<T>;
      return failure(
        CLIENT_ERRORS.badAnswer,
        `Something other than the display answered (HTTP ${response.status}). Check the address, or scan the QR code again.`,
      );
    } catch {
      if (controller.signal.aborted && !timedOut) return failure(CLIENT_ERRORS.aborted, 'Cancelled.');
      return failure(CLIENT_ERRORS.unreachable, UNREACHABLE_MESSAGE);
    } finally {
      globalThis.clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    }
  }

  return {
    // The code is how the page gets a token: there is none to send yet.
    exchangeCode: (request) => call('POST', SETUP_ROUTES.code, request, undefined, false),
    status: () => call('GET', SETUP_ROUTES.status, undefined),
    signIn: (request) => call('POST', SETUP_ROUTES.signIn, request),
    rooms: (query, signal) => call('GET', roomsUrl(query), undefined, signal),
    check: (request) => call('POST', SETUP_ROUTES.check, request),
    confirm: (request) => call('POST', SETUP_ROUTES.confirm, request),
  };
}
