import { describe, expect, it } from 'vitest';
import type { ActionKind, ActivityJson, ActivityPhase } from '../../src/api/contract.js';
import { activityText, bookingOptionLines, failedText } from '../../renderer/src/door-wording.js';
import { timeFormat } from '../../renderer/src/format.js';
import { stringsFor } from '../../renderer/src/i18n.js';

const berlin = (hhmm: string): string => `2026-11-23T${hhmm}:00+01:00`;
const fmt = timeFormat('en-GB', 'Europe/Berlin', 'h23');
const en = stringsFor('en').actions;
const de = stringsFor('de-DE').actions;

function activity(partial: Partial<ActivityJson>): ActivityJson {
  return {
    transactionId: 't1',
    kind: 'book',
    phase: 'done',
    code: 'booked',
    message: 'Booked until 10:30.',
    start: berlin('10:02'),
    end: berlin('10:30'),
    undoUntil: null,
    createdAt: berlin('10:02'),
    ...partial,
  };
}

describe('the booking sheet options', () => {
  it('say until when in big (in the room zone) and how long that really is in small', () => {
    expect(bookingOptionLines({ kind: 'duration', minutes: 18, start: berlin('10:02'), end: berlin('10:20') }, en, fmt)).toEqual({
      main: 'Until 10:20',
      detail: '18 min',
    });
    // The same instant written in UTC still reads in the room's zone.
    expect(bookingOptionLines({ kind: 'until-next', minutes: 58, start: berlin('10:02'), end: '2026-11-23T10:00:00Z' }, en, fmt)).toEqual({
      main: 'Until 11:00',
      detail: 'until the next meeting',
    });
    expect(bookingOptionLines({ kind: 'duration', minutes: 33, start: berlin('10:02'), end: berlin('10:35') }, de, fmt)).toEqual({
      main: 'Bis 10:35',
      detail: '33 Min.',
    });
  });
});

describe('the activity banner', () => {
  it('words each phase as the passer-by needs it', () => {
    expect(activityText(activity({ phase: 'sending', code: 'sending' }), en, fmt)).toBe('Booking…');
    expect(activityText(activity({ phase: 'queued', code: 'queued-offline' }), en, fmt)).toBe('Saved on this device — will be sent when the connection is back');
    expect(activityText(activity({ phase: 'waiting-for-room', code: 'waiting' }), en, fmt)).toBe('Waiting for the room to accept…');
    expect(activityText(activity({ phase: 'done', code: 'booked' }), en, fmt)).toBe('Booked until 10:30');
    expect(activityText(activity({ kind: 'check-in', phase: 'done', code: 'checked-in', end: null }), en, fmt)).toBe('Checked in');
    expect(activityText(activity({ kind: 'end-early', phase: 'done', code: 'ended' }), en, fmt)).toBe('Ended');
    expect(activityText(activity({ kind: 'extend', phase: 'done', code: 'extended', end: berlin('11:15') }), en, fmt)).toBe('Extended to 11:15');
    expect(activityText(activity({ phase: 'undone', code: 'undone' }), en, fmt)).toBe('Undone');
  });

  it('says why something failed in plain words, by code', () => {
    expect(activityText(activity({ phase: 'failed', code: 'declined-conflict' }), en, fmt)).toBe('The room declined: it is already booked then');
    expect(activityText(activity({ phase: 'failed', code: 'taken' }), en, fmt)).toBe('Someone booked this room in Outlook a moment ago');
    expect(activityText(activity({ phase: 'failed', code: 'taken' }), de, fmt)).toBe('Jemand hat den Raum gerade in Outlook gebucht');
    // The same code means something else for an extension: the next meeting has the room.
    expect(activityText(activity({ kind: 'extend', phase: 'failed', code: 'taken' }), en, fmt)).toBe('The room is booked right after this meeting');
  });

  it("falls back to the core's English sentence for a code it does not know, and never to nothing", () => {
    const odd = activity({ phase: 'failed', code: 'mailbox-full', message: 'The room mailbox is full.' });
    expect(activityText(odd, en, fmt)).toBe('The room mailbox is full.');
    expect(activityText(odd, de, fmt)).toBe('The room mailbox is full.');
    expect(activityText({ ...odd, message: '' }, en, fmt)).toBe('That did not work — please use Outlook');
    expect(activityText(activity({ phase: 'done', code: 'whatever', message: '' }), de, fmt)).toBe('Gebucht bis 10:30');
  });

  it('does not find words on Object.prototype for a code such as "constructor"', () => {
    expect(failedText('constructor', en)).toBeNull();
    expect(activityText(activity({ phase: 'failed', code: '__proto__', message: 'Nope.' }), en, fmt)).toBe('Nope.');
  });

  it('has words for every phase of every kind, in English and German', () => {
    const kinds: ActionKind[] = ['book', 'check-in', 'end-early', 'extend', 'release', 'undo'];
    const phases: ActivityPhase[] = ['queued', 'sending', 'waiting-for-room', 'done', 'failed', 'undone'];
    for (const strings of [en, de]) {
      for (const kind of kinds) {
        for (const phase of phases) {
          const text = activityText(activity({ kind, phase, code: 'x', message: '' }), strings, fmt);
          expect(text.length, `${kind} ${phase}`).toBeGreaterThan(0);
          expect(text).not.toMatch(/undefined|null|NaN/);
        }
      }
    }
  });

  it('has a German sentence for every failure code it has an English one for', () => {
    expect(Object.keys(de.failed).sort()).toEqual(Object.keys(en.failed).sort());
  });
});
