// What every Graph handler needs: who is calling (bearer token), which mailbox they may reach, and
// the Prefer header (page size, output time zone) with the Preference-Applied answer.
import type { Mailbox } from './directory.js';
import type { OutputZone } from './event-json.js';
import { listsMailbox } from './faults.js';
import { graphError, header, preferences, type SimRequest, type SimResponse } from './http-io.js';
import type { SimulatorState } from './simulator-state.js';
import type { AccessTokenRecord } from './token-store.js';
import { ianaZoneFor } from './windows-time-zones.js';

export interface GraphContext {
  state: SimulatorState;
  /** Advertised origin, e.g. http://127.0.0.1:4000 */
  base: string;
  token: AccessTokenRecord;
}

const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

export function authenticate(req: SimRequest, state: SimulatorState): AccessTokenRecord | SimResponse {
  const unauthorized = (message: string): SimResponse =>
    graphError(req, 401, 'InvalidAuthenticationToken', message, { 'WWW-Authenticate': WWW_AUTHENTICATE });
  const match = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
  if (!match?.[1]) return unauthorized('Access token is empty.');
  const record = state.tokens.accessTokens.get(match[1]);
  if (!record) return unauthorized('IDX14100: JWT is not well formed, or was not issued by this tenant. Access token validation failure.');
  if (record.revoked || state.now() >= record.expiresAt) return unauthorized('Access token has expired or is not yet valid.');
  return record;
}

export type MailboxRef = { me: true } | { me: false; id: string };

/**
 * The mailbox a request addresses, after the checks Exchange makes: /me only with a user token,
 * app-only access policies (RAOP), mailboxes without Exchange Online, delegated users' reach.
 * `write`: the request changes the mailbox; `directoryOnly`: /users/{id} itself, which needs no mailbox.
 */
export function resolveMailbox(
  req: SimRequest,
  ctx: GraphContext,
  ref: MailboxRef,
  options: { write?: boolean; directoryOnly?: boolean } = {},
): Mailbox | SimResponse {
  const { state, token } = ctx;
  let mailbox: Mailbox | undefined;
  if (ref.me) {
    if (token.kind !== 'delegated') return graphError(req, 400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
    mailbox = state.directory.find(token.userKey ?? '');
    if (!mailbox) return graphError(req, 404, 'Request_ResourceNotFound', 'The signed-in user no longer exists.');
  } else {
    mailbox = state.directory.find(ref.id);
    if (!mailbox) {
      return options.directoryOnly
        ? graphError(req, 404, 'Request_ResourceNotFound', `Resource '${ref.id}' does not exist or one of its queried reference-property objects are not present.`)
        : graphError(req, 404, 'ErrorInvalidUser', `The requested user '${ref.id}' is invalid.`);
    }
  }
  if (options.directoryOnly) return mailbox;
  if (!mailbox.hasMailbox || listsMailbox(state.faults.mailboxNotEnabled, mailbox.email, mailbox.id)) {
    return graphError(req, 404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  }
  if (token.kind === 'app') {
    const client = state.client(token.clientId);
    const outsidePolicy = client?.allowedMailboxes !== undefined && !listsMailbox(client.allowedMailboxes, mailbox.email, mailbox.id);
    if (outsidePolicy || listsMailbox(state.faults.scopedOutMailboxes, mailbox.email, mailbox.id)) {
      return graphError(req, 403, 'ErrorAccessDenied', 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.');
    }
    return mailbox;
  }
  // A signed-in booking account reaches its own mailbox, and may read (not change) room calendars.
  const own = mailbox.key === token.userKey;
  if (own || (mailbox.kind === 'room' && !options.write)) return mailbox;
  return graphError(req, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
}

export interface Preferences {
  zone?: OutputZone;
  maxPageSize?: number;
  /** Preference-Applied header value, or undefined when nothing applied. */
  applied?: string;
}

export function readPreferences(req: SimRequest, honour: { pageSize: boolean; zone: boolean }): Preferences | SimResponse {
  const prefs = preferences(req);
  const applied: string[] = [];
  const result: Preferences = {};
  if (honour.pageSize) {
    const raw = prefs.get('odata.maxpagesize');
    const n = raw === undefined ? NaN : Number(raw);
    if (Number.isInteger(n) && n > 0) {
      result.maxPageSize = n;
      applied.push(`odata.maxpagesize=${n}`);
    }
  }
  if (honour.zone) {
    const label = prefs.get('outlook.timezone');
    if (label !== undefined) {
      const iana = ianaZoneFor(label);
      if (!iana) {
        return graphError(req, 400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${label}'.`);
      }
      result.zone = { label, iana };
      applied.push(`outlook.timezone="${label}"`);
    }
  }
  if (applied.length > 0) result.applied = applied.join(', ');
  return result;
}

export function appliedHeader(prefs: Preferences): Record<string, string> {
  return prefs.applied ? { 'Preference-Applied': prefs.applied } : {};
}

/** "users('aurora%40contoso.com')", the entity-set segment of @odata.context. */
export function userSegment(mailbox: Mailbox): string {
  return `users('${encodeURIComponent(mailbox.email)}')`;
}

/** Lower-case property names from $select, or undefined. */
export function selectedProperties(req: SimRequest): Set<string> | undefined {
  const raw = req.url.searchParams.get('$select');
  if (raw === null || raw.trim() === '') return undefined;
  return new Set(raw.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== ''));
}

export function notImplemented(req: SimRequest, what: string): SimResponse {
  return graphError(req, 501, 'NotImplemented', `The Graph simulator does not implement ${what}.`);
}
