import type { ActivityJson, BookingOptionJson } from '../../src/api/contract.js';
import type { TimeFormat } from './format.js';
import type { ActionStrings } from './i18n.js';

/**
 * A booking option as two lines. The end is the big one: it is what the booker plans around, and
 * the core rounds ends to the 5-minute grid, so "15 min" would not be true (10:02 + 15 min
 * books until 10:20, 18 minutes); the small line says how long that really is.
 */
export function bookingOptionLines(option: BookingOptionJson, a: ActionStrings, fmt: TimeFormat): { main: string; detail: string } {
  return {
    main: a.optionUntil(fmt.time(option.end)),
    detail: option.kind === 'until-next' ? a.untilNextHint : a.optionMinutes(option.minutes),
  };
}

function doneText(activity: ActivityJson, a: ActionStrings, fmt: TimeFormat): string | null {
  const end = activity.end ? fmt.time(activity.end) : null;
  switch (activity.code) {
    case 'booked':
      return end ? a.done.booked(end) : null;
    case 'checked-in':
      return a.done.checkedIn;
    case 'ended':
      return a.done.ended;
    case 'extended':
      return end ? a.done.extended(end) : null;
    case 'released':
      return a.done.released;
    case 'undone':
      return a.done.undone;
    default:
      return null;
  }
}

/** The same words by kind, for a finished action whose code this screen does not know. */
function doneByKind(activity: ActivityJson, a: ActionStrings, fmt: TimeFormat): string | null {
  const code = { book: 'booked', 'check-in': 'checked-in', 'end-early': 'ended', extend: 'extended', release: 'released', undo: 'undone' }[activity.kind];
  return doneText({ ...activity, code }, a, fmt);
}

/**
 * One plain sentence for an activity entry, in the screen's language. Worded by phase and code;
 * the core's English `message` is the last resort for a code this screen does not know, so a new
 * kind of failure still says something true rather than nothing.
 */
export function activityText(activity: ActivityJson, a: ActionStrings, fmt: TimeFormat): string {
  switch (activity.phase) {
    case 'queued':
      return activity.code === 'retrying' ? a.retrying : a.queuedOffline;
    case 'sending':
      return activity.code === 'retrying' ? a.retrying : a.sending[activity.kind];
    case 'waiting-for-room':
      return a.waitingForRoom;
    case 'done':
      return doneText(activity, a, fmt) ?? (activity.message || doneByKind(activity, a, fmt) || a.failedGeneric);
    case 'undone':
      return a.done.undone;
    case 'failed':
      return failedText(`${activity.kind}:${activity.code}`, a) ?? failedText(activity.code, a) ?? (activity.message || a.failedGeneric);
  }
}

/** Own keys only: a code such as "constructor" must not find something on Object.prototype. */
export function failedText(code: string, a: ActionStrings): string | null {
  return Object.hasOwn(a.failed, code) ? (a.failed[code] ?? null) : null;
}
