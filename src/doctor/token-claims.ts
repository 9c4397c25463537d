import { fail, pass, warn, type DoctorLine } from './report.js';

/** The claims doctor reads from an access token; everything else in it stays unread. */
export interface PermissionClaims {
  /** Application permissions (app-only tokens). */
  readonly roles: readonly string[];
  /** Delegated permissions (signed-in user tokens), space-separated in the token. */
  readonly scopes: readonly string[];
}

/**
 * The permission claims of a JWT access token, from its payload (base64url JSON). The signature is
 * not checked: doctor only asks what the identity service granted, Graph does the verifying.
 * Null when the token is not a readable JWT (some clouds issue opaque tokens).
 */
export function permissionClaims(accessToken: string): PermissionClaims | null {
  const payload = accessToken.split('.')[1];
  if (accessToken.split('.').length !== 3 || !payload) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null) return null;
  const { roles, scp } = claims as { roles?: unknown; scp?: unknown };
  return {
    roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [],
    scopes: typeof scp === 'string' ? scp.split(' ').filter((s) => s !== '') : [],
  };
}

const hasPermission = (list: readonly string[], name: string): boolean => list.some((p) => p.toLowerCase() === name.toLowerCase());

/**
 * Whether the token lets Lintel book, end and extend meetings, judged without creating anything.
 * An application access policy or RBAC for Applications scope that allows only reading the room
 * does not show in the token: Graph refuses the first write. Only a booking would tell, and doctor
 * must not leave a booking behind.
 */
export function judgeWritePermission(mode: 'app' | 'delegated', accessToken: string): DoctorLine {
  const claims = permissionClaims(accessToken);
  if (!claims) {
    return warn('write', 'write permission unknown: the access token is not readable', 'Check in Entra ID > App registrations > API permissions that Calendars.ReadWrite (application) or Calendars.ReadWrite.Shared (delegated) is granted with admin consent.');
  }
  if (mode === 'app') {
    if (hasPermission(claims.roles, 'Calendars.ReadWrite')) return pass('write', 'may book: token carries Calendars.ReadWrite (application)');
    return fail(
      'write',
      'cannot book: the token lacks Calendars.ReadWrite (application)',
      'In Entra ID > App registrations > API permissions add the Microsoft Graph application permission Calendars.ReadWrite and press "Grant admin consent".',
    );
  }
  const granted = ['Calendars.ReadWrite.Shared', 'Calendars.ReadWrite'].find((p) => hasPermission(claims.scopes, p));
  if (granted) return pass('write', `may book: token carries ${granted} (delegated)`);
  return fail(
    'write',
    'cannot book: the token lacks Calendars.ReadWrite.Shared (delegated)',
    'In Entra ID > App registrations > API permissions add the Microsoft Graph delegated permission Calendars.ReadWrite.Shared, press "Grant admin consent", then sign in again on the door.',
  );
}
