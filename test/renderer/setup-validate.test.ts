import { describe, expect, it } from 'vitest';
import {
  checkCertificatePem,
  checkClientId,
  checkPin,
  checkRoomEmail,
  checkSecret,
  checkSecretExpiry,
  checkTenant,
  cleanId,
  PEM_MAX_CHARS,
} from '../../renderer/src/setup/setup-validate.js';

const GUID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

describe('the tenant', () => {
  it.each([GUID, GUID.toUpperCase(), `{${GUID}}`, ' contoso.onmicrosoft.com ', 'contoso.com', 'fabrikam.co.uk'])('accepts %j', (t) => {
    expect(checkTenant(t)).toBeNull();
  });

  it.each([
    ['', 'Type the tenant ID'],
    ['common', 'not one organisation'],
    ['organizations', 'not one organisation'],
    ['https://login.microsoftonline.com/contoso.onmicrosoft.com', 'not a web address'],
    ['admin@contoso.com', 'after the @'],
    ['72f988bf-86f1-41af-91ab-2d7cd011db4', 'not a complete tenant ID'],
    ['contoso', 'neither a tenant ID'],
    ['contoso .com', 'neither a tenant ID'],
  ])('refuses %j, saying %j', (t, hint) => {
    expect(checkTenant(t)).toContain(hint);
  });
});

describe('the client id', () => {
  it('is a GUID, braces and spaces forgiven', () => {
    expect(checkClientId(GUID)).toBeNull();
    expect(checkClientId(` {${GUID}} `)).toBeNull();
    expect(cleanId(` {${GUID}} `)).toBe(GUID);
  });

  it('points at where the right value is', () => {
    expect(checkClientId('')).toContain('Overview');
    expect(checkClientId('my-app')).toContain('GUID');
  });
});

describe('the client secret', () => {
  it('accepts a value', () => {
    expect(checkSecret('Abc8Q~x.yz_123')).toBeNull();
  });

  it('catches the Secret ID pasted instead of the value', () => {
    expect(checkSecret(GUID)).toContain('Secret ID');
    expect(checkSecret('   ')).toContain('Value');
  });

  it('takes an empty or future expiry date and refuses a past one', () => {
    expect(checkSecretExpiry('', '2026-11-21')).toBeNull();
    expect(checkSecretExpiry('2026-11-21', '2026-11-21')).toBeNull();
    expect(checkSecretExpiry('2027-05-01', '2026-11-21')).toBeNull();
    expect(checkSecretExpiry('2026-11-20', '2026-11-21')).toContain('passed');
    expect(checkSecretExpiry('21/11/2026', '2026-11-21')).toContain('Pick the date');
  });
});

describe('the certificate file', () => {
  it('needs the certificate and an unencrypted key', () => {
    expect(checkCertificatePem(CERT + KEY)).toBeNull();
    expect(checkCertificatePem(KEY + CERT)).toBeNull();
    expect(checkCertificatePem(CERT + KEY.replace(/PRIVATE KEY/g, 'RSA PRIVATE KEY'))).toBeNull();
  });

  it.each([
    ['', 'Choose the PEM file'],
    [KEY, 'no certificate'],
    [CERT, 'no private key'],
    [CERT + KEY.replace(/PRIVATE KEY/g, 'ENCRYPTED PRIVATE KEY'), 'password'],
    [CERT + KEY + 'x'.repeat(PEM_MAX_CHARS), 'too big'],
  ])('refuses %#, saying %j', (text, hint) => {
    expect(checkCertificatePem(text)).toContain(hint);
  });
});

describe('the room address', () => {
  it('is a mailbox address', () => {
    expect(checkRoomEmail(' room.4b@contoso.com ')).toBeNull();
    expect(checkRoomEmail('')).toContain('Type the room');
    expect(checkRoomEmail('Room 4B')).toContain('not a mailbox');
  });
});

describe('the admin PIN', () => {
  it('is 4 to 8 digits, typed the same twice', () => {
    expect(checkPin('1234', '1234')).toBeNull();
    expect(checkPin('12345678', '12345678')).toBeNull();
    expect(checkPin('', '')).toContain('4 to 8');
    expect(checkPin('123', '123')).toContain('you typed 3');
    expect(checkPin('123456789', '123456789')).toContain('you typed 9');
    expect(checkPin('12a4', '12a4')).toContain('digits only');
    expect(checkPin('1234', '')).toContain('second time');
    expect(checkPin('1234', '1243')).toContain('not the same');
  });
});
