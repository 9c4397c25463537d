import type { Failure, FailureKind } from '../calendar/graph/classify-error.js';

/** The last error answer the identity service gave, as our network client saw it. */
export interface IdentityAnswer {
  readonly status: number;
  readonly error: string;
  readonly description: string;
  /** AADSTS numbers from error_codes. */
  readonly codes: readonly number[];
  readonly retryAfterMs: number | null;
}

export interface AuthContext {
  readonly tenant: string;
  readonly clientId: string;
  readonly authority: string;
}

interface MsalLikeError {
  errorCode?: unknown;
  errorMessage?: unknown;
  errorNo?: unknown;
  status?: unknown;
}

function aadsts(text: string): number[] {
  return [...text.matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1]));
}

/**
 * Turns an MSAL error (plus the identity service's own answer, which MSAL sometimes hides behind
 * "endpoints_resolution_error") into one of our failure kinds with a sentence the admin can act on.
 * A wrong tenant, client id, secret or certificate each get their own message.
 */
export function classifyAuthError(err: unknown, answer: IdentityAnswer | null, ctx: AuthContext): Failure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as MsalLikeError;
  const errorCode = typeof e.errorCode === 'string' ? e.errorCode : '';
  const message = typeof e.errorMessage === 'string' ? e.errorMessage : err instanceof Error ? err.message : String(err);
  const codes = new Set([...aadsts(message), ...(answer?.codes ?? []), ...(typeof e.errorNo === 'string' && /^\d+$/.test(e.errorNo) ? [Number(e.errorNo)] : [])]);
  const error = errorCode || answer?.error || '';
  const f = (kind: FailureKind, code: string, advice: string): Failure => ({ kind, code, retryAfterMs: answer?.retryAfterMs ?? null, advice });

  if (codes.has(90002) || codes.has(900023) || error === 'invalid_tenant') {
    return f('auth', 'TENANT_NOT_FOUND', `Microsoft 365 does not know the tenant "${ctx.tenant}": set calendar.tenant to the Directory (tenant) ID from Entra ID > Overview, and check calendar.cloud.`);
  }
  if (codes.has(700016) || error === 'unauthorized_client') {
    return f('auth', 'CLIENT_NOT_FOUND', `No app registration with client id ${ctx.clientId} exists in tenant ${ctx.tenant}: copy the Application (client) ID from the app registration's Overview page into calendar.clientId.`);
  }
  if (codes.has(7000215)) {
    return f('auth', 'SECRET_INVALID', 'The client secret is wrong: copy the secret\'s Value (not its Secret ID) from Entra ID > Certificates & secrets into the secret file.');
  }
  if (codes.has(7000222)) {
    return f('auth', 'SECRET_EXPIRED', 'The client secret has expired: create a new one in Entra ID > Certificates & secrets and put its Value in the secret file.');
  }
  if (codes.has(700027) || codes.has(700024) || codes.has(50027)) {
    return f('auth', 'CERTIFICATE_REJECTED', 'Entra ID rejected the certificate: upload the certificate in calendar.certificateFile to the app registration (Certificates & secrets > Certificates) and check the device clock.');
  }
  if (codes.has(65001) || codes.has(650057) || error === 'consent_required') {
    return f('consent-missing', 'CONSENT_MISSING', 'The app registration lacks admin consent: in Entra ID > API permissions add Calendars.ReadWrite (application) or Calendars.ReadWrite.Shared (delegated) and press "Grant admin consent".');
  }
  if (codes.has(50173) || codes.has(700082) || codes.has(70008) || codes.has(50034) || error === 'invalid_grant' || error === 'no_tokens_found') {
    return f('auth', 'SIGN_IN_AGAIN', 'The sign-in of the booking account is no longer valid (password changed, revoked or unused for 90 days): sign in again on the door.');
  }
  if (codes.has(50076) || codes.has(50079) || codes.has(53003)) {
    return f('auth', 'POLICY_BLOCKED', 'A Conditional Access or MFA policy blocked the sign-in: exclude the booking account from the policy or use app credentials.');
  }
  if (answer?.status === 429 || /throttl/i.test(errorCode) || answer?.status === 503) {
    return f('throttled', 'IDENTITY_THROTTLED', 'The Microsoft sign-in service asked us to slow down; Lintel waits and retries.');
  }
  if (error === 'network_error' || errorCode === 'endpoints_resolution_error' || errorCode === 'openid_config_error' || /fetch failed|ECONNREFUSED|ENOTFOUND|timeout/i.test(message)) {
    return f('network', 'IDENTITY_UNREACHABLE', `Cannot reach the Microsoft sign-in service at ${ctx.authority}: check the network, DNS and proxy of this device.`);
  }
  if (answer && answer.status >= 500) return f('server', 'IDENTITY_SERVER', 'The Microsoft sign-in service failed; Lintel retries.');
  return f('auth', errorCode || 'AUTH_FAILED', `Signing in to Microsoft 365 failed (${errorCode || 'unknown error'}): check calendar.tenant, calendar.clientId and the secret or certificate against the app registration in Entra ID.`);
}
