import { describe, expect, it } from 'vitest';
import {
  forgetToken,
  normalizeSetupCode,
  recallRoom,
  rememberRoom,
  rememberToken,
  safeStorage,
  takeToken,
  tokenFromHash,
  type TokenStorage,
} from '../../renderer/src/setup/setup-token.js';

function memoryStorage(): TokenStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

describe('the token in the URL fragment', () => {
  it('is read from #t=', () => {
    expect(tokenFromHash('#t=abc123')).toBe('abc123');
    expect(tokenFromHash('t=abc123')).toBe('abc123');
  });

  it('survives other keys and URL encoding', () => {
    expect(tokenFromHash('#x=1&t=a%2Bb%3D')).toBe('a+b=');
  });

  it('is absent from an empty or foreign fragment', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#')).toBeNull();
    expect(tokenFromHash('#t=')).toBeNull();
    expect(tokenFromHash('#token=abc')).toBeNull();
  });
});

describe('taking the token for this tab', () => {
  it('remembers a fresh token and forgets the room chosen under an older one', () => {
    const s = memoryStorage();
    s.setItem('lintel.setup.token', 'old');
    rememberRoom(s, { email: 'a@contoso.com', name: 'A' });
    expect(takeToken('#t=new', s)).toEqual({ token: 'new', fromFragment: true });
    expect(takeToken('', s)).toEqual({ token: 'new', fromFragment: false });
    expect(recallRoom(s)).toBeNull();
  });

  it('falls back to the remembered token on a reload without a fragment', () => {
    const s = memoryStorage();
    rememberToken(s, 'kept');
    expect(takeToken('', s)).toEqual({ token: 'kept', fromFragment: false });
    forgetToken(s);
    expect(takeToken('', s)).toEqual({ token: null, fromFragment: false });
  });

  it('works when the browser refuses storage', () => {
    const refusing = safeStorage(() => {
      throw new Error('SecurityError');
    });
    expect(takeToken('#t=abc', refusing)).toEqual({ token: 'abc', fromFragment: true });
    expect(takeToken('', refusing)).toEqual({ token: null, fromFragment: false });
  });
});

describe('the remembered room', () => {
  it('round-trips, with or without a Places name', () => {
    const s = memoryStorage();
    rememberRoom(s, { email: 'r@contoso.com', name: 'Room 4B' });
    expect(recallRoom(s)).toEqual({ email: 'r@contoso.com', name: 'Room 4B' });
    rememberRoom(s, { email: 'r@contoso.com', name: null });
    expect(recallRoom(s)).toEqual({ email: 'r@contoso.com', name: null });
    rememberRoom(s, null);
    expect(recallRoom(s)).toBeNull();
  });

  it('ignores what it cannot read', () => {
    const s = memoryStorage();
    s.setItem('lintel.setup.room', '{not json');
    expect(recallRoom(s)).toBeNull();
    s.setItem('lintel.setup.room', '{"name":"no email"}');
    expect(recallRoom(s)).toBeNull();
  });
});

describe('the short code typed instead of scanning', () => {
  it.each([
    ['K7QM-2XHD', 'K7QM-2XHD'],
    ['k7qm-2xhd', 'K7QM-2XHD'],
    ['k7qm2xhd', 'K7QM-2XHD'],
    ['  K7QM 2XHD ', 'K7QM-2XHD'],
    ['K7QM–2XHD', 'K7QM-2XHD'],
  ])('reads %j as %s', (typed, code) => {
    expect(normalizeSetupCode(typed)).toEqual({ ok: true, code });
  });

  it('says what is wrong instead of spending an attempt', () => {
    const empty = normalizeSetupCode('  ');
    expect(empty.ok).toBe(false);
    const short = normalizeSetupCode('K7QM-2XH');
    expect(short).toEqual({ ok: false, message: expect.stringContaining('you typed 7') });
    const odd = normalizeSetupCode('K7QM-2XH!');
    expect(odd).toEqual({ ok: false, message: expect.stringContaining('only letters and digits') });
  });
});
