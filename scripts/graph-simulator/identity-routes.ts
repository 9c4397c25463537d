// Entra ID v2 endpoints, in the shapes MSAL expects: instance discovery, OpenID configuration, JWKS,
// the token endpoint (client credentials with secret or certificate, device code, refresh token) and
// the device-code verification page.
import { createHash } from 'node:crypto';
import type { Mailbox } from './directory.js';
import { stableGuid } from './directory.js';
import { formParams, header, jsonResponse, oauthError, type SimRequest, type SimResponse } from './http-io.js';
import { decodeJwt, jwks, newTokenId, signJwt, thumbprintHex, verifyAssertionSignature } from './jwt.js';
import type { ScenarioClient } from './scenario.js';
import { SimulatorError, type SimulatorState } from './simulator-state.js';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const APP_ROLES = ['Calendars.ReadWrite', 'Place.Read.All', 'User.Read.All', 'MailboxSettings.Read'];

const TENANT_ALIASES = new Set(['common', 'organizations']);

interface IdentityContext {
  state: SimulatorState;
  /** Advertised origin, e.g. http://127.0.0.1:4000 */
  base: string;
}

function tenantNotFound(req: SimRequest, tenant: string): SimResponse {
  return oauthError(
    req,
    400,
    'invalid_tenant',
    90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );
}

function knownTenant(state: SimulatorState, segment: string): boolean {
  const lower = segment.toLowerCase();
  return lower === state.tenantId.toLowerCase() || TENANT_ALIASES.has(lower);
}

function openIdConfiguration(ctx: IdentityContext, tenant: string): Record<string, unknown> {
  const issuerTenant = TENANT_ALIASES.has(tenant.toLowerCase()) ? '{tenantid}' : ctx.state.tenantId;
  const at = `${ctx.base}/${tenant}`;
  return {
    token_endpoint: `${at}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${at}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${ctx.base}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.base}/oidc/userinfo`,
    authorization_endpoint: `${at}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${at}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${at}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    kerberos_endpoint: `${at}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: new URL(ctx.base).host,
    rbac_url: 'https://pas.windows.net',
  };
}

function instanceDiscovery(ctx: IdentityContext, req: SimRequest): SimResponse {
  const host = new URL(ctx.base).host;
  const authorize = req.url.searchParams.get('authorization_endpoint') ?? '';
  const tenant = /\/([^/]+)\/oauth2\/v2\.0\/authorize/.exec(authorize)?.[1] ?? 'common';
  return jsonResponse(200, {
    tenant_discovery_endpoint: `${ctx.base}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}

function scopeList(scope: string | null): string[] {
  return (scope ?? '').split(/\s+/).filter((s) => s !== '');
}

function isGraphDefaultScope(ctx: IdentityContext, scope: string): boolean {
  const lower = scope.toLowerCase();
  return [GRAPH_RESOURCE, ctx.base, GRAPH_APP_ID].some((resource) => lower === `${resource.toLowerCase()}/.default`);
}

function consentMissing(req: SimRequest, client: ScenarioClient): SimResponse {
  return oauthError(
    req,
    400,
    'invalid_grant',
    65001,
    `The user or administrator has not consented to use the application with ID '${client.clientId}' named '${client.displayName ?? client.clientId}'. Send an interactive authorization request for this user and resource.`,
  );
}

function unknownClient(req: SimRequest, ctx: IdentityContext, clientId: string): SimResponse {
  return oauthError(
    req,
    400,
    'unauthorized_client',
    700016,
    `Application with identifier '${clientId}' was not found in the directory '${ctx.state.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  );
}

/** The secret from the body or from HTTP Basic auth (client_secret_basic). */
function presentedSecret(req: SimRequest, params: URLSearchParams): { clientId?: string; secret?: string } {
  const basic = /^Basic\s+(.+)$/i.exec(header(req, 'authorization') ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      return { clientId: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
    }
  }
  const secret = params.get('client_secret');
  return secret === null ? {} : { secret };
}

/** Checks the confidential client's proof; undefined when it is good. */
function authenticateClient(req: SimRequest, ctx: IdentityContext, client: ScenarioClient, params: URLSearchParams): SimResponse | undefined {
  const { secret } = presentedSecret(req, params);
  const assertion = params.get('client_assertion');
  const invalidClient = (code: number, text: string): SimResponse => oauthError(req, 401, 'invalid_client', code, text);
  if (client.kind === 'public' && (secret !== undefined || assertion !== null)) {
    return invalidClient(700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.");
  }
  if (secret !== undefined) {
    if (!client.secret || secret !== client.secret) {
      return invalidClient(
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.clientId}'.`,
      );
    }
    return undefined;
  }
  if (assertion !== null) {
    if (params.get('client_assertion_type') !== JWT_BEARER) {
      return oauthError(req, 400, 'invalid_request', 900144, `The request body must contain the following parameter: 'client_assertion_type'. It must be '${JWT_BEARER}'.`);
    }
    return checkClientAssertion(req, ctx, client, assertion, invalidClient);
  }
  return invalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
}

function checkClientAssertion(
  req: SimRequest,
  ctx: IdentityContext,
  client: ScenarioClient,
  assertion: string,
  invalidClient: (code: number, text: string) => SimResponse,
): SimResponse | undefined {
  const jwt = decodeJwt(assertion);
  if (!jwt) return invalidClient(50027, 'JWT token is invalid or malformed.');
  const { header: h, payload: p } = jwt;
  if (p.iss !== client.clientId || p.sub !== client.clientId) {
    return invalidClient(700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
  }
  if (typeof p.aud !== 'string' || !p.aud.endsWith('/oauth2/v2.0/token')) {
    return invalidClient(700027, `Client assertion audience '${String(p.aud)}' is not this tenant's token endpoint.`);
  }
  const nowSeconds = ctx.state.now() / 1000;
  const skew = 300;
  if ((typeof p.exp === 'number' && p.exp + skew < nowSeconds) || (typeof p.nbf === 'number' && p.nbf - skew > nowSeconds)) {
    return invalidClient(700024, 'Client assertion is not within its valid time range.');
  }
  const thumbprint = thumbprintHex(h['x5t#S256']) ?? thumbprintHex(h.x5t);
  if (!thumbprint) {
    return invalidClient(700027, 'The certificate with identifier used to sign the client assertion is not registered on application: the assertion header has neither x5t#S256 nor x5t.');
  }
  if (client.certificateThumbprint && thumbprint.toLowerCase() !== client.certificateThumbprint.toLowerCase()) {
    return invalidClient(700027, `The certificate with identifier (${thumbprint.toUpperCase()}) used to sign the client assertion is not registered on application.`);
  }
  if (!client.certificateThumbprint && !client.certificatePem) {
    return invalidClient(700027, `The certificate with identifier (${thumbprint.toUpperCase()}) used to sign the client assertion is not registered on application.`);
  }
  if (client.certificatePem && !verifyAssertionSignature(jwt, client.certificatePem)) {
    return invalidClient(700027, 'Client assertion contains an invalid signature.');
  }
  return undefined;
}

function tokenHeaders(req: SimRequest): Record<string, string> {
  return {
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    ...(req.clientRequestId ? { 'client-request-id': req.clientRequestId } : {}),
  };
}


/** Claims every Graph access token carries, app-only or delegated. */
function accessTokenClaims(state: { tenantId: string }, client: ScenarioClient, iat: number, lifetime: number): Record<string, unknown> {
  return {
    aud: GRAPH_RESOURCE,
    iss: `https://sts.windows.net/${state.tenantId}/`,
    iat,
    nbf: iat,
    exp: iat + lifetime,
    app_displayname: client.displayName ?? client.clientId,
    appid: client.clientId,
    tid: state.tenantId,
    uti: newTokenId(),
    ver: '1.0',
  };
}

function clientCredentials(req: SimRequest, ctx: IdentityContext, params: URLSearchParams): SimResponse {
  const { state } = ctx;
  const clientId = params.get('client_id') ?? presentedSecret(req, params).clientId;
  if (!clientId) return oauthError(req, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
  const client = state.client(clientId);
  if (!client) return unknownClient(req, ctx, clientId);
  const scopes = scopeList(params.get('scope'));
  if (scopes.length === 0) return oauthError(req, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
  if (scopes.length !== 1 || !isGraphDefaultScope(ctx, scopes[0] as string)) {
    return oauthError(
      req,
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  const authFailure = authenticateClient(req, ctx, client, params);
  if (authFailure) return authFailure;
  if (state.faults.consentMissing === 'token') return consentMissing(req, client);

  const now = state.now();
  const iat = Math.floor(now / 1000);
  const lifetime = state.accessTokenLifetimeSeconds;
  const servicePrincipalId = stableGuid(`sp:${client.clientId}`);
  const accessToken = signJwt({
    ...accessTokenClaims(state, client, iat, lifetime),
    appidacr: params.has('client_assertion') ? '2' : '1',
    idp: `https://sts.windows.net/${state.tenantId}/`,
    idtyp: 'app',
    oid: servicePrincipalId,
    roles: APP_ROLES,
    sub: servicePrincipalId,
  });
  state.tokens.addAccessToken({ token: accessToken, kind: 'app', clientId: client.clientId, scope: scopes[0] as string, issuedAt: now, expiresAt: now + lifetime * 1000, revoked: false });
  return jsonResponse(200, { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken }, tokenHeaders(req));
}

/** Tokens for a signed-in user: access token always; refresh, id token and client_info when asked for. */
function delegatedTokens(req: SimRequest, ctx: IdentityContext, client: ScenarioClient, user: Mailbox, scope: string, params: URLSearchParams): SimResponse {
  const { state } = ctx;
  const now = state.now();
  const iat = Math.floor(now / 1000);
  const lifetime = state.accessTokenLifetimeSeconds;
  const requested = scopeList(scope);
  const resourceScopes = requested.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
  const accessToken = signJwt({
    ...accessTokenClaims(state, client, iat, lifetime),
    appidacr: '0',
    idtyp: 'user',
    name: user.displayName,
    oid: user.id,
    scp: resourceScopes.map((s) => s.replace(/^https:\/\/graph\.microsoft\.com\//i, '')).join(' ') || 'User.Read',
    sub: createHash('sha256').update(`${user.id}:${client.clientId}`).digest('base64url').slice(0, 43),
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
  });
  state.tokens.addAccessToken({
    token: accessToken,
    kind: 'delegated',
    clientId: client.clientId,
    userKey: user.key,
    scope,
    issuedAt: now,
    expiresAt: now + lifetime * 1000,
    revoked: false,
  });
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: requested.filter((s) => s.toLowerCase() !== 'offline_access').join(' '),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
  };
  const lower = requested.map((s) => s.toLowerCase());
  if (lower.includes('offline_access')) {
    body.refresh_token = state.tokens.issueRefreshToken(client.clientId, user.key, scope, now + state.refreshTokenLifetimeDays * 86_400_000).token;
  }
  if (lower.includes('openid')) {
    body.id_token = signJwt({
      aud: client.clientId,
      iss: `${ctx.base}/${state.tenantId}/v2.0`,
      iat,
      nbf: iat,
      exp: iat + 3600,
      name: user.displayName,
      oid: user.id,
      preferred_username: user.userPrincipalName,
      rh: '0.AAAA',
      sub: createHash('sha256').update(`${user.id}:${client.clientId}:id`).digest('base64url').slice(0, 43),
      tid: state.tenantId,
      uti: newTokenId(),
      ver: '2.0',
    });
  }
  if (params.get('client_info') === '1') {
    body.client_info = Buffer.from(JSON.stringify({ uid: user.id, utid: state.tenantId })).toString('base64url');
  }
  return jsonResponse(200, body, tokenHeaders(req));
}

function publicClientFor(req: SimRequest, ctx: IdentityContext, params: URLSearchParams): ScenarioClient | SimResponse {
  const clientId = params.get('client_id');
  if (!clientId) return oauthError(req, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
  const client = ctx.state.client(clientId);
  if (!client) return unknownClient(req, ctx, clientId);
  if (client.kind !== 'public') {
    // A confidential app without "Allow public client flows" must authenticate, which these flows cannot.
    return oauthError(req, 401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }
  return client;
}

function deviceCodeRequest(req: SimRequest, ctx: IdentityContext, tenant: string): SimResponse {
  const params = formParams(req);
  const client = publicClientFor(req, ctx, params);
  if ('status' in client) return client;
  const scope = params.get('scope');
  if (!scope) return oauthError(req, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
  const { state } = ctx;
  const lifetime = state.deviceCodeLifetimeSeconds;
  const record = state.tokens.createDeviceCode(client.clientId, scope, tenant, state.now() + lifetime * 1000);
  const verificationUri = `${ctx.base}/devicelogin`;
  return jsonResponse(
    200,
    {
      user_code: record.userCode,
      device_code: record.deviceCode,
      verification_uri: verificationUri,
      expires_in: lifetime,
      interval: 1,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${record.userCode} to authenticate.`,
    },
    tokenHeaders(req),
  );
}

function deviceCodeGrant(req: SimRequest, ctx: IdentityContext, params: URLSearchParams): SimResponse {
  const client = publicClientFor(req, ctx, params);
  if ('status' in client) return client;
  const { state } = ctx;
  const record = state.tokens.deviceCodes.get(params.get('device_code') ?? '');
  if (!record || record.clientId.toLowerCase() !== client.clientId.toLowerCase()) {
    return oauthError(req, 400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.');
  }
  if (record.status === 'redeemed') return oauthError(req, 400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed: the device code has already been redeemed.');
  if (record.status === 'declined') return oauthError(req, 400, 'authorization_declined', 70000, 'The user declined the authorization request.');
  if (state.now() >= record.expiresAt) return oauthError(req, 400, 'expired_token', 70020, 'The provided value for the input parameter \'device_code\' is not valid. This device code has expired.');
  if (record.status === 'pending') {
    return oauthError(req, 400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
  }
  if (state.faults.consentMissing === 'token') return consentMissing(req, client);
  const user = state.directory.find(record.userKey ?? '');
  if (!user) return oauthError(req, 400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
  record.status = 'redeemed';
  return delegatedTokens(req, ctx, client, user, record.scope, params);
}

function refreshTokenGrant(req: SimRequest, ctx: IdentityContext, params: URLSearchParams): SimResponse {
  const client = publicClientFor(req, ctx, params);
  if ('status' in client) return client;
  const { state } = ctx;
  const record = state.tokens.refreshTokens.get(params.get('refresh_token') ?? '');
  if (!record || record.clientId.toLowerCase() !== client.clientId.toLowerCase()) {
    return oauthError(req, 400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid: the refresh token is not valid for this client.');
  }
  if (record.revoked) {
    return oauthError(req, 400, 'invalid_grant', 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.");
  }
  if (state.now() >= record.expiresAt) {
    return oauthError(req, 400, 'invalid_grant', 700082, `The refresh token has expired due to inactivity. The token was issued on ${new Date(record.expiresAt - state.refreshTokenLifetimeDays * 86_400_000).toISOString()} and was inactive for ${state.refreshTokenLifetimeDays}.00:00:00.`);
  }
  if (state.faults.consentMissing === 'token') return consentMissing(req, client);
  const user = state.directory.find(record.userKey);
  if (!user) return oauthError(req, 400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
  const scope = params.get('scope') ?? record.scope;
  return delegatedTokens(req, ctx, client, user, scope, params);
}

function tokenRequest(req: SimRequest, ctx: IdentityContext): SimResponse {
  const params = formParams(req);
  const grantType = params.get('grant_type');
  switch (grantType) {
    case 'client_credentials':
      return clientCredentials(req, ctx, params);
    case DEVICE_CODE_GRANT:
    case 'device_code': // what MSAL sends; Entra accepts the short form too
      return deviceCodeGrant(req, ctx, params);
    case 'refresh_token':
      return refreshTokenGrant(req, ctx, params);
    case null:
      return oauthError(req, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
    default:
      return oauthError(req, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'. The simulator supports client_credentials, device_code and refresh_token.`);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function htmlPage(status: number, title: string, body: string): SimResponse {
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    text: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  };
}

/** The page a person opens to approve a device code by hand (tests use state.approveDeviceCode). */
function deviceLogin(req: SimRequest, ctx: IdentityContext): SimResponse {
  const users = ctx.state.directory.users;
  if (req.method === 'GET') {
    const options = users.map((u) => `<option value="${escapeHtml(u.userPrincipalName)}">${escapeHtml(u.displayName)} (${escapeHtml(u.userPrincipalName)})</option>`).join('');
    return htmlPage(
      200,
      'Enter code',
      `<form method="post"><p><label>Code <input name="user_code" autofocus></label></p><p><label>Sign in as <select name="username">${options}</select></label></p><p><button name="action" value="approve">Continue</button> <button name="action" value="decline">Decline</button></p></form>`,
    );
  }
  const params = formParams(req);
  const userCode = params.get('user_code') ?? '';
  try {
    if (params.get('action') === 'decline') {
      ctx.state.declineDeviceCode(userCode);
      return htmlPage(200, 'Sign-in declined', '<p>You declined the sign-in on the other device.</p>');
    }
    ctx.state.approveDeviceCode(userCode, { username: params.get('username') ?? users[0]?.userPrincipalName ?? '' });
    return htmlPage(200, 'Signed in', '<p>You have signed in on your device. You may now close this window.</p>');
  } catch (err) {
    if (err instanceof SimulatorError) return htmlPage(400, 'That code didn’t work', `<p>${escapeHtml(err.message)}</p>`);
    throw err;
  }
}

/** Answers identity requests; undefined when the path is not one of them. */
export function handleIdentity(req: SimRequest, ctx: IdentityContext): SimResponse | undefined {
  const path = req.path;
  if (req.method === 'GET' && /^\/common\/discovery\/instance\/?$/i.test(path)) return instanceDiscovery(ctx, req);
  if (/^\/devicelogin\/?$/i.test(path) && (req.method === 'GET' || req.method === 'POST')) return deviceLogin(req, ctx);
  const m = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/token|oauth2\/v2\.0\/devicecode)\/?$/i.exec(path);
  if (!m) return undefined;
  const tenant = decodeURIComponent(m[1] as string);
  const endpoint = (m[2] as string).toLowerCase();
  if (!knownTenant(ctx.state, tenant)) return tenantNotFound(req, tenant);
  if (endpoint.endsWith('openid-configuration') && req.method === 'GET') return jsonResponse(200, openIdConfiguration(ctx, tenant));
  if (endpoint.endsWith('keys') && req.method === 'GET') return jsonResponse(200, jwks());
  if (endpoint.endsWith('token') && req.method === 'POST') return tokenRequest(req, ctx);
  if (endpoint.endsWith('devicecode') && req.method === 'POST') return deviceCodeRequest(req, ctx, tenant);
  return oauthError(req, 405, 'invalid_request', 900561, `The endpoint only accepts ${endpoint.startsWith('oauth2') ? 'POST' : 'GET'} requests. Received a ${req.method} request.`);
}
