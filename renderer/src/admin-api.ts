import {
  ADMIN_SESSION_HEADER,
  HTTP_ROUTES,
  type AdminCommand,
  type AdminCommandRequest,
  type AdminCommandResultJson,
  type AdminSessionJson,
  type AdminUnlockRequest,
  type ApiResult,
  type DiagnosticsJson,
} from '../../src/api/contract.js';

/** Unlock and commands are answered by the core at once; longer means it is stuck. */
export const ADMIN_TIMEOUT_MS = 15_000;
/** Diagnostics run the doctor checks (Microsoft 365 round trips included): give them time. */
export const DIAGNOSTICS_TIMEOUT_MS = 90_000;

/** The refusal for "no answer": the screens word it themselves. */
export const UNREACHABLE_CODE = 'UNREACHABLE';

const unreachable = (): ApiResult<never> => ({
  ok: false,
  error: { code: UNREACHABLE_CODE, message: 'The display is not answering. Please try again.' },
});

function isApiResult(v: unknown): v is ApiResult<unknown> {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  if (v.ok === true) return 'value' in v;
  if (v.ok !== false || !('error' in v)) return false;
  const error = v.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && 'message' in error && typeof error.message === 'string';
}

/**
 * One request to the core's admin routes, same origin, relative URL (as the door's actions go).
 * Never rejects: a network failure, a timeout or a body that is not an answer comes back as
 * UNREACHABLE. The value's shape is the contract's: the core is the only one answering here.
 */
async function call<T>(path: string, init: RequestInit, timeoutMs: number): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path.replace(/^\//, ''), { ...init, cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    // Refusals (401, 409, 429) carry the core's answer in the same shape as a success.
    const body: unknown = await response.json().catch(() => null);
    return isApiResult(body) ? (body as ApiResult<T>) : unreachable();
  } catch {
    return unreachable();
  }
}

export function unlockAdmin(pin: string): Promise<ApiResult<AdminSessionJson>> {
  const body: AdminUnlockRequest = { pin };
  return call<AdminSessionJson>(
    HTTP_ROUTES.adminUnlock,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    ADMIN_TIMEOUT_MS,
  );
}

export function fetchDiagnostics(session: string): Promise<ApiResult<DiagnosticsJson>> {
  return call<DiagnosticsJson>(HTTP_ROUTES.adminDiagnostics, { method: 'GET', headers: { [ADMIN_SESSION_HEADER]: session } }, DIAGNOSTICS_TIMEOUT_MS);
}

export function sendAdminCommand(session: string, command: AdminCommand): Promise<ApiResult<AdminCommandResultJson>> {
  const body: AdminCommandRequest = { command };
  return call<AdminCommandResultJson>(
    HTTP_ROUTES.adminCommand,
    { method: 'POST', headers: { 'content-type': 'application/json', [ADMIN_SESSION_HEADER]: session }, body: JSON.stringify(body) },
    ADMIN_TIMEOUT_MS,
  );
}
