import { describe, expect, it } from 'vitest';
import { CLIENT_ERRORS, UNREACHABLE_MESSAGE, presentError } from '../../renderer/src/setup/setup-errors.js';

describe('how the setup page shows a refusal', () => {
  it('replaces the page for an expired token and says to scan the new QR code', () => {
    const shown = presentError({ code: 'TOKEN_EXPIRED', message: 'This setup code expired at 14:30.' });
    expect(shown.placement).toBe('blocked');
    expect(shown.title).toBe('This code expired');
    expect(shown.message).toContain('Scan the new QR code on the display');
    expect(shown.detail).toBe('This setup code expired at 14:30.');
  });

  it('replaces the page for a used token', () => {
    const shown = presentError({ code: 'TOKEN_USED', message: '' });
    expect(shown.placement).toBe('blocked');
    expect(shown.message).toContain('new QR code');
    expect(shown.detail).toBeNull();
  });

  it('replaces the page for a lock-out, with the server saying until when', () => {
    const shown = presentError({ code: 'LOCKED', message: 'Too many wrong codes. Try again after 14:35.' });
    expect(shown.placement).toBe('blocked');
    expect(shown.title).toBe('Too many wrong codes');
    expect(shown.message).toBe('Too many wrong codes. Try again after 14:35.');
  });

  it('asks for the code again when the token is not known', () => {
    const shown = presentError({ code: 'TOKEN_INVALID', message: 'That code is not right.' });
    expect(shown.placement).toBe('code');
    expect(shown.message).toBe('That code is not right.');
  });

  it('words a network failure itself', () => {
    const shown = presentError({ code: CLIENT_ERRORS.unreachable, message: 'fetch failed' });
    expect(shown).toMatchObject({ placement: 'inline', message: UNREACHABLE_MESSAGE });
    expect(UNREACHABLE_MESSAGE).toContain('same network');
  });

  it('shows any other refusal inline in the server’s words', () => {
    const shown = presentError({ code: 'ROOM_NOT_FOUND', message: 'No mailbox room.9@contoso.com. Check the address.' });
    expect(shown).toMatchObject({ placement: 'inline', code: 'ROOM_NOT_FOUND', message: 'No mailbox room.9@contoso.com. Check the address.' });
  });

  it('never shows an empty sentence', () => {
    expect(presentError({ code: 'WHATEVER', message: '  ' }).message).not.toBe('');
    expect(presentError({ code: 'LOCKED', message: '' }).message).not.toBe('');
    expect(presentError({ code: 'TOKEN_INVALID', message: '' }).message).not.toBe('');
  });

  it('ignores a search the page cancelled itself', () => {
    expect(presentError({ code: CLIENT_ERRORS.aborted, message: 'Cancelled.' }).placement).toBe('ignore');
  });
});
