import { blocksRoom, type CalendarEvent, type CheckIn } from './event.js';
import { LONG_MEETING_MS, type RoomPolicy } from './policy.js';
import { publicText, type PrivacyMode } from './privacy.js';
import type { CheckInWindow, Meeting, RoomState, RoomStatus } from './room-state.js';
import { minutes, nextMidnight, startOfDay } from './time.js';

interface Interval {
  start: number;
  end: number;
}

function toMeeting(event: CalendarEvent, privacy: PrivacyMode): Meeting {
  const text = publicText(event, privacy);
  return {
    id: event.id,
    subject: text.subject,
    organizer: text.organizer,
    start: event.start,
    end: event.end,
    isPrivate: text.isPrivate,
    isAllDay: event.isAllDay,
    isTentative: event.showAs === 'tentative',
    isCancelled: event.isCancelled,
    blocksRoom: blocksRoom(event),
    showAs: event.showAs,
  };
}

function byStartThenId(a: CalendarEvent, b: CalendarEvent): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Busy stretches: overlapping and back-to-back intervals merged. Input sorted by start. */
export function mergeIntervals(sorted: readonly Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const { start, end } of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  return merged;
}

/**
 * The meeting shown as "now": of those in progress, a timed meeting beats an all-day or
 * multi-day one (it is the more specific fact), then the earliest start.
 */
function pickCurrent(inProgress: readonly CalendarEvent[]): CalendarEvent | null {
  const timed = inProgress.filter((e) => !e.isAllDay);
  return (timed.length > 0 ? timed : inProgress)[0] ?? null;
}

function needsCheckIn(event: CalendarEvent, policy: RoomPolicy): boolean {
  return policy.checkIn.required && !event.isAllDay && event.end - event.start < LONG_MEETING_MS;
}

function checkInWindowOf(event: CalendarEvent, policy: RoomPolicy): CheckInWindow {
  return {
    eventId: event.id,
    opensAt: event.start - minutes(policy.checkIn.opensMinutesBefore),
    closesAt: Math.min(event.end, event.start + minutes(policy.checkIn.closesMinutesAfter)),
  };
}

/**
 * The whole truth the door shows, as a pure function of the clock, the cached events,
 * the check-ins and the room's policy. Total: any input gives a state.
 */
export function derive(
  now: number,
  events: readonly CalendarEvent[],
  checkIns: readonly CheckIn[],
  policy: RoomPolicy,
): RoomState {
  const sorted = [...events].sort(byStartThenId);
  const blocking = sorted.filter(blocksRoom);
  const blocks = mergeIntervals(blocking);
  const checkedIn = new Set(checkIns.map((c) => c.eventId));

  const block = blocks.find((b) => b.start <= now && now < b.end) ?? null;
  const nextBlock = blocks.find((b) => b.start > now) ?? null;
  const current = pickCurrent(blocking.filter((e) => e.start <= now && now < e.end));
  const next = blocking.find((e) => e.start > now) ?? null;

  const openWindow =
    blocking
      .filter((e) => needsCheckIn(e, policy) && !checkedIn.has(e.id))
      .map((e) => checkInWindowOf(e, policy))
      .find((w) => w.opensAt <= now && now < w.closesAt) ?? null;

  let status: RoomStatus;
  if (block) {
    status = current && openWindow?.eventId === current.id ? 'awaiting-checkin' : 'busy';
  } else if (nextBlock && nextBlock.start - now <= minutes(policy.soonMinutes)) {
    status = 'soon';
  } else {
    status = 'free';
  }

  const dayStart = startOfDay(now, policy.timeZone);
  const dayEnd = nextMidnight(now, policy.timeZone);
  const agenda = sorted
    .filter((e) => e.roomResponse !== 'declined' && e.start < dayEnd && e.end > dayStart)
    .map((e) => toMeeting(e, policy.privacy))
    .sort((a, b) => Number(b.isAllDay) - Number(a.isAllDay) || a.start - b.start);

  return {
    now,
    status,
    current: current ? toMeeting(current, policy.privacy) : null,
    next: next ? toMeeting(next, policy.privacy) : null,
    freeUntil: block ? null : (nextBlock?.start ?? null),
    busyUntil: block ? block.end : null,
    agenda,
    checkIn: openWindow,
    nextChangeAt: nextChange(now, sorted, blocking, policy, dayEnd),
  };
}

/** Every instant at which some input to the state flips; the earliest one after now. */
function nextChange(
  now: number,
  sorted: readonly CalendarEvent[],
  blocking: readonly CalendarEvent[],
  policy: RoomPolicy,
  dayEnd: number,
): number {
  let earliest = dayEnd;
  const consider = (t: number): void => {
    if (t > now && t < earliest) earliest = t;
  };
  for (const e of sorted) {
    consider(e.start);
    consider(e.end);
  }
  for (const e of blocking) {
    consider(e.start - minutes(policy.soonMinutes));
    if (needsCheckIn(e, policy)) {
      const w = checkInWindowOf(e, policy);
      consider(w.opensAt);
      consider(w.closesAt);
    }
  }
  return earliest;
}
