import { describe, expect, it } from 'vitest';
import { panelContentFromState } from '../../src/panel/panel-content-from-state.js';
import { activityJson, roomStateJson, signInPrompt } from '../helpers/room-state-json.js';

describe('what the e-paper door shows', () => {
  it('words a busy room in the display language, with the meeting under way and what comes next', () => {
    expect(panelContentFromState(roomStateJson())).toEqual({
      kind: 'door',
      roomName: 'Aurora',
      status: 'busy',
      statusWord: 'Busy',
      statusDetail: 'until 10:05',
      current: { time: '09:30–10:05', subject: 'Product sync' },
      nextHeading: 'Next',
      next: [
        { time: '10:15–12:00', subject: 'Customer call — Contoso' },
        { time: '12:30–13:30', subject: 'Lunch & learn' },
        { time: '14:00–15:00', subject: 'Private meeting' },
      ],
      emptyNext: 'No more meetings today',
      date: 'Monday 23 November',
      notice: null,
    });
    const de = panelContentFromState(roomStateJson({ display: { locale: 'de-DE', hourCycle: 'h23', devOverlay: false } }));
    expect(de).toMatchObject({ statusWord: 'Belegt', statusDetail: 'bis 10:05', date: 'Montag, 23. November', nextHeading: 'Danach' });
  });

  it('has no countdown in it, so the minutes passing never redraw the panel', () => {
    const soon = roomStateJson({ status: 'soon', current: null, busyUntil: null, freeUntil: '2026-11-23T10:15:00+01:00' });
    expect(panelContentFromState(soon)).toMatchObject({ statusWord: 'Starting soon', statusDetail: 'Meeting at 10:15' });
    const later = panelContentFromState({ ...soon, generatedAt: '2026-11-23T10:03:00+01:00' });
    expect(later).toEqual(panelContentFromState({ ...soon, generatedAt: '2026-11-23T10:04:00+01:00' }));
  });

  it('says an action is on its way, and when the door is offline', () => {
    const booking = roomStateJson({ activity: [activityJson({ phase: 'sending' })] });
    expect(panelContentFromState(booking)).toMatchObject({ notice: 'Booking…' });
    const offline = roomStateJson({ sync: { source: 'graph', online: false, lastSuccessAt: '2026-11-23T09:58:00+01:00' } });
    expect(panelContentFromState(offline)).toMatchObject({ notice: 'Offline · updated 09:58' });
  });

  it('shows the sign-in code and a QR code of the sign-in page while a sign-in waits', () => {
    const content = panelContentFromState(roomStateJson({ signIn: signInPrompt({ account: 'booking@contoso.com' }) }));
    expect(content).toMatchObject({ kind: 'setup', title: 'Sign in to connect this room', qrText: 'https://microsoft.com/devicelogin' });
    expect(content.kind === 'setup' && content.lines[0]).toMatch(/^Code: /);
    expect(content.kind === 'setup' && content.lines).toContain('Sign in as booking@contoso.com');
  });
});
