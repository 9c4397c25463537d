import { describe, expect, it } from 'vitest';
import { formatCountdown, secondsUntil, urlForReading } from '../../renderer/src/format.js';

const EXPIRES = '2026-11-23T10:17:00+01:00';
const at = (iso: string): number => Date.parse(iso);

describe('the sign-in countdown', () => {
  it('counts whole seconds, rounding up so a valid code never reads 0:00', () => {
    expect(secondsUntil(EXPIRES, at('2026-11-23T10:02:00+01:00'))).toBe(900);
    expect(secondsUntil(EXPIRES, at('2026-11-23T10:16:59.999+01:00'))).toBe(1);
    expect(secondsUntil(EXPIRES, at('2026-11-23T10:16:59.001+01:00'))).toBe(1);
    expect(secondsUntil(EXPIRES, at(EXPIRES))).toBe(0);
  });

  it('stays at zero after expiry', () => {
    expect(secondsUntil(EXPIRES, at('2026-11-23T11:00:00+01:00'))).toBe(0);
  });

  it('compares instants, whatever offset the time is written in', () => {
    expect(secondsUntil('2026-11-23T09:17:00Z', at('2026-11-23T10:16:00+01:00'))).toBe(60);
  });

  it('gives no countdown for a time it cannot read', () => {
    expect(secondsUntil('soon', 0)).toBeNull();
    expect(secondsUntil('', 0)).toBeNull();
  });

  it.each([
    [900, '15:00'],
    [899, '14:59'],
    [61, '1:01'],
    [60, '1:00'],
    [9, '0:09'],
    [0, '0:00'],
    [3600, '60:00'],
    [-5, '0:00'],
    [12.7, '0:12'],
  ])('formats %s s as %s', (seconds, text) => {
    expect(formatCountdown(seconds)).toBe(text);
  });
});

describe('the verification URL as text', () => {
  it.each([
    ['https://microsoft.com/devicelogin', 'microsoft.com/devicelogin'],
    ['https://login.microsoftonline.com/common/oauth2/deviceauth', 'login.microsoftonline.com/common/oauth2/deviceauth'],
    ['HTTPS://Microsoft.com/devicelogin/', 'Microsoft.com/devicelogin'],
    ['https://microsoft.com', 'microsoft.com'],
    ['  https://microsoft.com/devicelogin ', 'microsoft.com/devicelogin'],
  ])('drops the https:// a browser adds anyway: %s', (uri, shown) => {
    expect(urlForReading(uri)).toBe(shown);
  });

  it.each([
    'http://microsoft.com/devicelogin',
    'https://microsoft.com/devicelogin?otc=ABC',
    'https://microsoft.com/devicelogin#x',
    'javascript:alert(1)',
    'microsoft.com/devicelogin',
  ])('shows anything else exactly as sent: %s', (uri) => {
    expect(urlForReading(uri)).toBe(uri);
  });
});
