import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialExpiry, loadAppCredential } from '../../src/auth/credentials.js';
import { parseConfig, resolveConfig, type GraphConnection } from '../../src/config/load-config.js';
import type { ConfigFile } from '../../src/config/schema.js';
import { makeCertificate } from '../helpers/certificate.js';

const cert = makeCertificate(20);
const other = makeCertificate(20);
afterAll(() => {
  rmSync(cert.dir, { recursive: true, force: true });
  rmSync(other.dir, { recursive: true, force: true });
});

function connection(calendar: Partial<NonNullable<ConfigFile['calendar']>>): GraphConnection {
  const file: ConfigFile = {
    room: { email: 'aurora@contoso.com' },
    calendar: { source: 'graph', tenant: 'contoso.onmicrosoft.com', clientId: '11111111-2222-4333-8444-555555555555', auth: 'app-secret', ...calendar },
  };
  const c = resolveConfig(parseConfig(file, 'lintel.json'), null).calendar;
  if (c.source !== 'graph') throw new Error('expected a graph connection');
  return c;
}

describe('app credentials', () => {
  it('reads a secret from a file, trimmed, or from LINTEL_CLIENT_SECRET', () => {
    const file = join(cert.dir, 'secret');
    writeFileSync(file, 'abc~secret-value\n');
    expect(loadAppCredential(connection({ clientSecretFile: file }), {})).toEqual({ kind: 'secret', secret: 'abc~secret-value', expiresAt: null });
    expect(loadAppCredential(connection({}), { LINTEL_CLIENT_SECRET: 'from-env' })).toMatchObject({ secret: 'from-env' });
  });

  it('says what to do when the secret is missing, unreadable or is the Secret ID', () => {
    expect(() => loadAppCredential(connection({}), {})).toThrow(/clientSecretFile.*LINTEL_CLIENT_SECRET/);
    expect(() => loadAppCredential(connection({ clientSecretFile: '/nonexistent/secret' }), {})).toThrow(/\/nonexistent\/secret does not exist/);
    const unreadable = join(cert.dir, 'unreadable');
    writeFileSync(unreadable, 'x');
    chmodSync(unreadable, 0o000);
    if (process.getuid?.() !== 0) expect(() => loadAppCredential(connection({ clientSecretFile: unreadable }), {})).toThrow(/not readable by the lintel user/);
    expect(() => loadAppCredential(connection({ clientSecret: '0b7c2f9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f' }), {})).toThrow(/Secret ID.*Value/);
  });

  it('reads a certificate: SHA-256 thumbprint, PKCS#8 key and its expiry', () => {
    const c = loadAppCredential(connection({ auth: 'app-certificate', certificateFile: cert.combinedFile }), {});
    if (c.kind !== 'certificate') throw new Error('expected a certificate');
    expect(c.thumbprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(c.privateKey).toContain('-----BEGIN PRIVATE KEY-----');
    expect(c.expiresAt - Date.now()).toBeGreaterThan(19 * 86_400_000);
    expect(c.expiresAt - Date.now()).toBeLessThan(21 * 86_400_000);
    const split = loadAppCredential(connection({ auth: 'app-certificate', certificateFile: cert.certFile, privateKeyFile: cert.keyFile }), {});
    expect(split).toMatchObject({ thumbprintSha256: c.thumbprintSha256 });
  });

  it('refuses a key of another certificate, a file without a certificate, and a certificate without a key', () => {
    expect(() => loadAppCredential(connection({ auth: 'app-certificate', certificateFile: cert.certFile, privateKeyFile: other.keyFile }), {})).toThrow(/does not belong to the certificate/);
    expect(() => loadAppCredential(connection({ auth: 'app-certificate', certificateFile: cert.keyFile }), {})).toThrow(/holds no PEM certificate/);
    expect(() => loadAppCredential(connection({ auth: 'app-certificate', certificateFile: cert.certFile }), {})).toThrow(/No usable unencrypted private key/);
  });
});

describe('expiry warnings', () => {
  const DAY = 86_400_000;
  const now = Date.parse('2026-11-21T12:00:00Z');
  it('are silent until 30 days before, warn from then, and fail after', () => {
    expect(credentialExpiry('secret', null, now)).toBeNull();
    expect(credentialExpiry('secret', now + 31 * DAY, now)).toBeNull();
    expect(credentialExpiry('secret', now + 30 * DAY, now)).toMatchObject({ severity: 'warning', message: expect.stringMatching(/expires in 30 days/) as unknown });
    expect(credentialExpiry('certificate', now + 1 * DAY, now)?.message).toMatch(/certificate expires in 1 day \(2026-11-22\).*upload a new certificate/);
    expect(credentialExpiry('secret', now - DAY, now)).toMatchObject({ severity: 'error', message: expect.stringMatching(/expired on 2026-11-20/) as unknown });
  });
});
