import type { AdminNoticeJson } from '../api/contract.js';
import type { AdminView } from '../api/room-state-json.js';
import type { TokenProvider } from '../auth/token-provider.js';
import type { Failure } from '../calendar/graph/classify-error.js';
import { toIsoInZone } from '../domain/time.js';

/** Failures only the admin can fix become notices on the door; passing ones (network, throttling) do not. */
export function noticeForFailure(failure: Failure | null): AdminNoticeJson | null {
  if (!failure) return null;
  if (failure.code === 'SIGN_IN_NEEDED') return null;
  switch (failure.kind) {
    case 'auth':
    case 'consent-missing':
    case 'scoped-out':
    case 'not-found':
    case 'bad-request':
      return { code: failure.kind, severity: 'error', message: failure.advice };
    default:
      return null;
  }
}

/** What the door tells the admin: a pending sign-in, then problems, errors first. */
export function adminView(tokens: TokenProvider | null, failure: Failure | null, zone: string): AdminView {
  const auth = tokens?.status();
  const fromSync = noticeForFailure(failure);
  const notices = [...(auth?.notices ?? [])];
  if (fromSync && !notices.some((n) => n.message === fromSync.message)) notices.push(fromSync);
  // The strip shows the first notice: what stops the door working comes before what will.
  notices.sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'));
  const p = auth?.signIn ?? null;
  return {
    signIn: p ? { userCode: p.userCode, verificationUri: p.verificationUri, expiresAt: toIsoInZone(p.expiresAt, zone), account: p.account } : null,
    notices,
  };
}
