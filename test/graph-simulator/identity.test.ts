import { createHash, generateKeyPairSync, sign, constants, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSimulator, type RunningSimulator, type Scenario } from '../../scripts/graph-simulator/index.js';

const TENANT = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const APP_ID = '11111111-2222-4333-8444-555555555555';
const CERT_APP_ID = '22222222-3333-4444-8555-666666666666';
const PUBLIC_ID = '66666666-7777-4888-9999-000000000000';
const SECRET = 'correct~horse~battery';
const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';
// Monday 23 Nov 2026, 08:00 in Berlin.
const START = Date.parse('2026-11-23T07:00:00Z');
const CLOCK_OFFSET_MS = 90_000;

// Stands in for the app's certificate: only the public key and the thumbprint are registered.
const certKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const certThumbprint = createHash('sha256').update(certKeys.publicKey.export({ type: 'spki', format: 'der' })).digest();
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

const scenario: Scenario = {
  tenantId: TENANT,
  clockOffsetMs: CLOCK_OFFSET_MS,
  clients: [
    { clientId: APP_ID, displayName: 'Lintel', kind: 'app', secret: SECRET },
    {
      clientId: CERT_APP_ID,
      kind: 'app',
      certificateThumbprint: certThumbprint.toString('hex'),
      certificatePem: certKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
    { clientId: PUBLIC_ID, displayName: 'Lintel sign-in', kind: 'public' },
  ],
  users: [{ upn: 'booking@contoso.com', displayName: 'Room Booking', timeZone: 'W. Europe Standard Time' }],
  rooms: [{ email: 'aurora@contoso.com', displayName: 'Aurora', timeZone: 'W. Europe Standard Time' }],
};

let sim: RunningSimulator;
let now = START;
beforeAll(async () => {
  sim = await startGraphSimulator({ scenario, clock: () => now });
});
afterAll(async () => {
  await sim.close();
});

function tokenUrl(tenant = TENANT): string {
  return `${sim.url}/${tenant}/oauth2/v2.0/token`;
}

async function postForm(url: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

function decodeJwtPayload(token: unknown): Record<string, unknown> {
  if (typeof token !== 'string') throw new Error('not a token');
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  return JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function clientAssertion(key: KeyObject, overrides: { header?: Record<string, unknown>; payload?: Record<string, unknown> } = {}): string {
  const nowSeconds = Math.floor((now + CLOCK_OFFSET_MS) / 1000);
  const header = { alg: 'PS256', typ: 'JWT', 'x5t#S256': certThumbprint.toString('base64url'), ...overrides.header };
  const payload = { aud: tokenUrl(), iss: CERT_APP_ID, sub: CERT_APP_ID, jti: 'a1', nbf: nowSeconds, exp: nowSeconds + 600, ...overrides.payload };
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature = sign('RSA-SHA256', Buffer.from(input), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  return `${input}.${signature.toString('base64url')}`;
}

describe('discovery', () => {
  it('answers MSAL instance discovery with its own host as the only alias', async () => {
    const authorize = `${sim.url}/${TENANT}/oauth2/v2.0/authorize`;
    const res = await fetch(`${sim.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(authorize)}`);
    expect(res.status).toBe(200);
    const host = `127.0.0.1:${sim.port}`;
    expect(await res.json()).toEqual({
      tenant_discovery_endpoint: `${sim.url}/${TENANT}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });

  it('serves the tenant OpenID configuration and a JWKS with the signing key', async () => {
    const res = await fetch(`${sim.url}/${TENANT}/v2.0/.well-known/openid-configuration`);
    const config = (await res.json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      token_endpoint: `${sim.url}/${TENANT}/oauth2/v2.0/token`,
      authorization_endpoint: `${sim.url}/${TENANT}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${sim.url}/${TENANT}/oauth2/v2.0/devicecode`,
      issuer: `${sim.url}/${TENANT}/v2.0`,
      jwks_uri: `${sim.url}/${TENANT}/discovery/v2.0/keys`,
    });
    expect(config.response_types_supported).toContain('code');
    const keys = (await (await fetch(config.jwks_uri as string)).json()) as { keys: { kid: string; kty: string }[] };
    expect(keys.keys[0]?.kty).toBe('RSA');
    expect(keys.keys[0]?.kid).toMatch(/\w{10,}/);
  });

  it('keeps the {tenantid} placeholder in the issuer of the common endpoint', async () => {
    const config = (await (await fetch(`${sim.url}/common/v2.0/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(config.issuer).toBe(`${sim.url}/{tenantid}/v2.0`);
    expect(config.token_endpoint).toBe(`${sim.url}/common/oauth2/v2.0/token`);
  });

  it('rejects an unknown tenant with AADSTS90002', async () => {
    const res = await fetch(`${sim.url}/not-a-tenant/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.error).toBe('invalid_tenant');
    expect(body.error_codes).toEqual([90002]);
  });

  it('dates every response by its own clock, offset from the caller by the scenario', async () => {
    const res = await fetch(`${sim.url}/${TENANT}/v2.0/.well-known/openid-configuration`);
    const date = Date.parse(res.headers.get('date') ?? '');
    expect(date).toBe(Math.floor((now + CLOCK_OFFSET_MS) / 1000) * 1000);
  });
});

describe('advertised origin', () => {
  it('writes publicUrl into discovery documents and Graph links, for clients that insist on https', async () => {
    const fronted = await startGraphSimulator({ scenario, clock: () => now, publicUrl: 'https://127.0.0.1:{port}' });
    try {
      const origin = `https://127.0.0.1:${fronted.port}`;
      expect(fronted.authority).toBe(`${origin}/${TENANT}`);
      const config = (await (await fetch(`${fronted.url}/${TENANT}/v2.0/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(config.token_endpoint).toBe(`${origin}/${TENANT}/oauth2/v2.0/token`);
      expect(config.issuer).toBe(`${origin}/${TENANT}/v2.0`);
    } finally {
      await fronted.close();
    }
  });
});

describe('client credentials', () => {
  it('issues an app token for the right secret, which Graph accepts', async () => {
    const res = await postForm(tokenUrl(), { grant_type: 'client_credentials', client_id: APP_ID, client_secret: SECRET, scope: GRAPH_DEFAULT }, { 'client-request-id': 'req-1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    expect(res.headers.get('client-request-id')).toBe('req-1');
    const claims = decodeJwtPayload(res.body.access_token);
    expect(claims).toMatchObject({ aud: 'https://graph.microsoft.com', appid: APP_ID, tid: TENANT, idtyp: 'app' });
    expect(claims.exp).toBe(Math.floor((now + CLOCK_OFFSET_MS) / 1000) + 3599);
    const graph = await fetch(`${sim.url}/v1.0/users/aurora@contoso.com`, { headers: { authorization: `Bearer ${String(res.body.access_token)}` } });
    expect(graph.status).toBe(200);
  });

  it('accepts the secret in an HTTP Basic header (client_secret_basic)', async () => {
    const basic = Buffer.from(`${APP_ID}:${SECRET}`).toString('base64');
    const res = await postForm(tokenUrl(), { grant_type: 'client_credentials', scope: GRAPH_DEFAULT }, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
  });

  it('answers a wrong secret with 401 invalid_client AADSTS7000215', async () => {
    const res = await postForm(tokenUrl(), { grant_type: 'client_credentials', client_id: APP_ID, client_secret: 'wrong', scope: GRAPH_DEFAULT });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
    expect(res.body.error_codes).toEqual([7000215]);
    expect(res.body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided/);
  });

  it('answers an unknown client with 400 unauthorized_client AADSTS700016', async () => {
    const res = await postForm(tokenUrl(), { grant_type: 'client_credentials', client_id: 'aaaaaaaa-0000-4000-8000-000000000000', client_secret: SECRET, scope: GRAPH_DEFAULT });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unauthorized_client');
    expect(res.body.error_description).toMatch(/^AADSTS700016: /);
  });

  it('insists on a /.default scope', async () => {
    const res = await postForm(tokenUrl(), { grant_type: 'client_credentials', client_id: APP_ID, client_secret: SECRET, scope: 'https://graph.microsoft.com/Calendars.Read' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_scope');
    expect((await postForm(tokenUrl(), { grant_type: 'client_credentials', client_id: APP_ID, client_secret: SECRET, scope: `${sim.url}/.default` })).status).toBe(200);
  });

  it('accepts a certificate-signed client assertion and rejects a foreign key, thumbprint or audience', async () => {
    const params = (assertion: string): Record<string, string> => ({
      grant_type: 'client_credentials',
      client_id: CERT_APP_ID,
      scope: GRAPH_DEFAULT,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
    const good = await postForm(tokenUrl(), params(clientAssertion(certKeys.privateKey)));
    expect(good.status).toBe(200);
    expect(decodeJwtPayload(good.body.access_token).appidacr).toBe('2');

    const forged = await postForm(tokenUrl(), params(clientAssertion(otherKeys.privateKey)));
    expect(forged.status).toBe(401);
    expect(forged.body.error_description).toMatch(/invalid signature/);

    const wrongThumb = await postForm(tokenUrl(), params(clientAssertion(certKeys.privateKey, { header: { 'x5t#S256': Buffer.alloc(32, 7).toString('base64url') } })));
    expect(wrongThumb.status).toBe(401);
    expect(wrongThumb.body.error_codes).toEqual([700027]);

    const noThumb = await postForm(tokenUrl(), params(clientAssertion(certKeys.privateKey, { header: { 'x5t#S256': undefined } })));
    expect(noThumb.status).toBe(401);

    const wrongAudience = await postForm(tokenUrl(), params(clientAssertion(certKeys.privateKey, { payload: { aud: 'https://example.com/' } })));
    expect(wrongAudience.status).toBe(401);

    const notMine = await postForm(tokenUrl(), params(clientAssertion(certKeys.privateKey, { payload: { iss: APP_ID, sub: APP_ID } })));
    expect(notMine.body.error_codes).toEqual([700021]);
  });

  it('reports missing admin consent as invalid_grant AADSTS65001 when that fault is on', async () => {
    sim.state.faults.consentMissing = 'token';
    try {
      const res = await postForm(tokenUrl(), { grant_type: 'client_credentials', client_id: APP_ID, client_secret: SECRET, scope: GRAPH_DEFAULT });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_grant');
      expect(res.body.error_codes).toEqual([65001]);
    } finally {
      delete sim.state.faults.consentMissing;
    }
  });
});

describe('device code flow', () => {
  const SCOPE = 'https://graph.microsoft.com/Calendars.ReadWrite openid profile offline_access';

  async function startDeviceCode(): Promise<Record<string, unknown>> {
    const res = await postForm(`${sim.url}/${TENANT}/oauth2/v2.0/devicecode`, { client_id: PUBLIC_ID, scope: SCOPE });
    expect(res.status).toBe(200);
    return res.body;
  }

  function poll(deviceCode: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    return postForm(tokenUrl(), {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: PUBLIC_ID,
      device_code: String(deviceCode),
      client_info: '1',
    });
  }

  it('is pending until approved, then issues access, refresh and id tokens and client_info; refresh works', async () => {
    const code = await startDeviceCode();
    expect(code.user_code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(code).toMatchObject({ verification_uri: `${sim.url}/devicelogin`, expires_in: 900, interval: 1 });
    expect(code.message).toBe(`To sign in, use a web browser to open the page ${sim.url}/devicelogin and enter the code ${String(code.user_code)} to authenticate.`);

    const pending = await poll(code.device_code);
    expect(pending.status).toBe(400);
    expect(pending.body.error).toBe('authorization_pending');

    sim.state.approveDeviceCode(String(code.user_code), { username: 'booking@contoso.com' });
    const tokens = await poll(code.device_code);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, scope: 'https://graph.microsoft.com/Calendars.ReadWrite openid profile' });
    expect(typeof tokens.body.refresh_token).toBe('string');
    const idToken = decodeJwtPayload(tokens.body.id_token);
    expect(idToken).toMatchObject({ aud: PUBLIC_ID, iss: `${sim.url}/${TENANT}/v2.0`, tid: TENANT, preferred_username: 'booking@contoso.com', name: 'Room Booking' });
    const clientInfo = JSON.parse(Buffer.from(String(tokens.body.client_info), 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(clientInfo).toEqual({ uid: idToken.oid, utid: TENANT });

    const me = await fetch(`${sim.url}/v1.0/me`, { headers: { authorization: `Bearer ${String(tokens.body.access_token)}` } });
    expect(((await me.json()) as Record<string, unknown>).userPrincipalName).toBe('booking@contoso.com');

    const again = await poll(code.device_code);
    expect(again.body.error).toBe('invalid_grant');

    const refreshed = await postForm(tokenUrl(), { grant_type: 'refresh_token', client_id: PUBLIC_ID, refresh_token: String(tokens.body.refresh_token), scope: SCOPE, client_info: '1' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(tokens.body.access_token);
    expect(typeof refreshed.body.refresh_token).toBe('string');

    sim.state.revokeRefreshTokens();
    const revoked = await postForm(tokenUrl(), { grant_type: 'refresh_token', client_id: PUBLIC_ID, refresh_token: String(refreshed.body.refresh_token), scope: SCOPE });
    expect(revoked.status).toBe(400);
    expect(revoked.body.error_codes).toEqual([50173]);
  });

  it('answers authorization_declined after the user declines, and expired_token after 15 minutes', async () => {
    const declined = await startDeviceCode();
    sim.state.declineDeviceCode(String(declined.user_code));
    expect((await poll(declined.device_code)).body.error).toBe('authorization_declined');

    const expiring = await startDeviceCode();
    now += 901_000;
    try {
      expect((await poll(expiring.device_code)).body.error).toBe('expired_token');
    } finally {
      now -= 901_000;
    }
  });

  it('can be approved by hand on the /devicelogin page', async () => {
    const code = await startDeviceCode();
    const page = await fetch(`${sim.url}/devicelogin`);
    expect(await page.text()).toContain('booking@contoso.com');
    const res = await fetch(`${sim.url}/devicelogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user_code: String(code.user_code).toLowerCase(), username: 'booking@contoso.com', action: 'approve' }),
    });
    expect(res.status).toBe(200);
    expect((await poll(code.device_code)).status).toBe(200);
  });

  it('refuses the device code flow to a confidential app', async () => {
    const res = await postForm(`${sim.url}/${TENANT}/oauth2/v2.0/devicecode`, { client_id: APP_ID, scope: SCOPE });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
  });
});
