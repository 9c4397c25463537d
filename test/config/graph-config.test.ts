import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, resolveConfig } from '../../src/config/load-config.js';

const GOOD = {
  room: { email: 'aurora@contoso.com' },
  calendar: { source: 'graph', tenant: 'contoso.onmicrosoft.com', clientId: '11111111-2222-4333-8444-555555555555', auth: 'app-secret', clientSecretFile: '/etc/lintel/secret' },
};

function problems(raw: unknown): string {
  try {
    parseConfig(raw, 'lintel.json');
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

function withCalendar(change: Record<string, unknown>): unknown {
  return { ...GOOD, calendar: { ...GOOD.calendar, ...change } };
}

describe('Microsoft 365 connection config', () => {
  it('resolves the global cloud by default, with tokens for graph.microsoft.com', () => {
    const c = resolveConfig(parseConfig(GOOD, 'lintel.json'), null).calendar;
    expect(c).toMatchObject({
      source: 'graph',
      roomEmail: 'aurora@contoso.com',
      cloud: 'global',
      authorityOrigin: 'https://login.microsoftonline.com',
      graphOrigin: 'https://graph.microsoft.com',
      graphResource: 'https://graph.microsoft.com',
    });
  });

  it.each([
    ['usgov', 'https://login.microsoftonline.us', 'https://graph.microsoft.us'],
    ['usgov-dod', 'https://login.microsoftonline.us', 'https://dod-graph.microsoft.us'],
    ['china', 'https://login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn'],
  ])('knows the %s cloud', (cloud, authority, graph) => {
    const c = resolveConfig(parseConfig(withCalendar({ cloud }), 'lintel.json'), null).calendar;
    expect(c).toMatchObject({ authorityOrigin: authority, graphOrigin: graph, graphResource: graph });
  });

  it('takes endpoint overrides, keeping the cloud resource for tokens', () => {
    const c = resolveConfig(parseConfig(withCalendar({ endpoints: { authority: 'http://127.0.0.1:4000/', graph: 'http://localhost:4000' } }), 'lintel.json'), null).calendar;
    expect(c).toMatchObject({ authorityOrigin: 'http://127.0.0.1:4000', graphOrigin: 'http://localhost:4000', graphResource: 'https://graph.microsoft.com' });
  });

  it('accepts plain http only for loopback hosts', () => {
    expect(problems(withCalendar({ endpoints: { graph: 'http://graph.example.com' } }))).toMatch(
      /"calendar\.endpoints\.graph" has value "http:\/\/graph\.example\.com".*must be https \(plain http is accepted only for a simulator on 127\.0\.0\.1 or localhost\)/,
    );
    expect(problems(withCalendar({ endpoints: { authority: 'ftp://login' } }))).toMatch(/must be an https URL/);
    expect(problems(withCalendar({ endpoints: { authority: 'login.microsoftonline.us' } }))).toMatch(/not a URL/);
  });

  it('names each key a graph connection needs', () => {
    const text = problems({ room: {}, calendar: { source: 'graph' } });
    expect(text).toMatch(/"calendar\.tenant".*Directory \(tenant\) ID/);
    expect(text).toMatch(/"calendar\.clientId".*Application \(client\) ID/);
    expect(text).toMatch(/"calendar\.auth".*"app-secret", "app-certificate" or "delegated"/);
    expect(text).toMatch(/"room\.email".*primary SMTP address/);
    expect(problems(withCalendar({ auth: 'app-certificate' }))).toMatch(/"calendar\.certificateFile" .*PEM/);
  });

  it('explains a malformed tenant, client id, auth mode, cloud or expiry date', () => {
    expect(problems(withCalendar({ tenant: 'contoso' }))).toMatch(/"calendar\.tenant" has value "contoso".*GUID.*domain/);
    expect(problems(withCalendar({ clientId: 'lintel' }))).toMatch(/"calendar\.clientId".*Application \(client\) ID/);
    expect(problems(withCalendar({ auth: 'password' }))).toMatch(/"calendar\.auth" has value "password"/);
    expect(problems(withCalendar({ cloud: 'germany' }))).toMatch(/"calendar\.cloud" has value "germany".*Example of a good value: "cloud": "global"/);
    expect(problems(withCalendar({ clientSecretExpires: '31.05.2027' }))).toMatch(/"calendar\.clientSecretExpires".*"2027-05-31"/);
    expect(problems(withCalendar({ clientSecret: 'x', clientSecretFile: '/x' }))).toMatch(/either "clientSecret" or "clientSecretFile"/);
    expect(problems(withCalendar({ clientScret: 'x' }))).toMatch(/unknown key "calendar\.clientScret".*Did you mean "clientSecret"/);
  });

  it('reads the privacy setting into the room policy', () => {
    expect(resolveConfig(parseConfig({ display: { privacy: 'reserved' } }, 'lintel.json'), null).policy.privacy).toBe('reserved');
    expect(resolveConfig({}, null).policy.privacy).toBe('subject');
    expect(problems({ display: { privacy: 'hidden' } })).toMatch(/"display\.privacy" has value "hidden".*"privacy": "organizer"/);
  });
});

describe('config errors never echo a secret', () => {
  it('hides the value of a misspelt or mistyped secret key and of a malformed calendar section', () => {
    const secret = 'Xq8~very-secret-value-123';
    const misspelt = problems(withCalendar({ clientScret: secret }));
    expect(misspelt).toMatch(/unknown key "calendar\.clientScret" \(value \(hidden: it may be a secret\)/);
    expect(misspelt).not.toContain(secret);
    expect(problems(withCalendar({ clientSecret: 42 }))).toMatch(/"calendar\.clientSecret" has value \(hidden/);
    expect(problems({ ...GOOD, calendar: `graph ${secret}` })).not.toContain(secret);
    // Harmless keys still show what was written.
    expect(problems(withCalendar({ tenant: 'contoso' }))).toContain('"contoso"');
  });
});
