import type { ComponentChildren } from 'preact';
import type { MeetingJson, RoomStateJson } from '../../../src/api/contract.js';
import { minutesUntil, type TimeFormat } from '../format.js';
import type { Strings } from '../i18n.js';

interface Props {
  state: RoomStateJson;
  now: number;
  fmt: TimeFormat;
  t: Strings;
  badge: string | null;
  /** The door's buttons, the activity banner and the booking sheet, below (and over) the status. */
  children?: ComponentChildren;
}

function subjectOf(m: MeetingJson, t: Strings): string {
  return m.isPrivate ? t.privateMeeting : m.subject;
}

function subline(state: RoomStateJson, now: number, fmt: TimeFormat, t: Strings): string {
  const untilText = (iso: string | null): string => {
    if (iso === null) return t.restOfDay;
    return fmt.dayKey(iso) === fmt.dayKey(now) ? t.until(fmt.time(iso)) : t.untilTomorrow(fmt.time(iso));
  };
  switch (state.status) {
    case 'free':
      return state.freeUntil !== null && fmt.dayKey(state.freeUntil) !== fmt.dayKey(now) ? t.restOfDay : untilText(state.freeUntil);
    case 'busy':
      return untilText(state.busyUntil);
    case 'soon':
      return state.freeUntil ? `${t.startsAt(fmt.time(state.freeUntil))} · ${t.inMinutes(minutesUntil(state.freeUntil, now))}` : '';
    case 'awaiting-checkin':
      return state.checkIn ? t.checkInBy(fmt.time(state.checkIn.closesAt)) : untilText(state.busyUntil);
  }
}

function MeetingCard({ label, meeting, fmt, t, testId }: { label: string; meeting: MeetingJson; fmt: TimeFormat; t: Strings; testId: string }) {
  const when = meeting.isAllDay ? t.allDay : `${fmt.time(meeting.start)}–${fmt.time(meeting.end)}`;
  return (
    <section class="meeting-card" data-testid={testId}>
      <div class="meeting-card-label">
        {label} · {when}
        {meeting.isTentative ? <span class="tag">{t.tentative}</span> : null}
      </div>
      <div class="meeting-card-subject" dir="auto" data-testid={`${testId}-subject`}>
        {subjectOf(meeting, t)}
      </div>
      {meeting.organizer ? (
        <div class="meeting-card-organizer" dir="auto">
          {meeting.organizer}
        </div>
      ) : null}
    </section>
  );
}

export function StatusPanel({ state, now, fmt, t, badge, children }: Props) {
  return (
    <main class="status" data-testid="status-panel" data-status={state.status}>
      <header class="status-header">
        <h1 class="room-name" dir="auto" data-testid="room-name">
          {state.room.name}
        </h1>
        {badge ? (
          <div class="badge" role="status" data-testid="offline-badge">
            {badge}
          </div>
        ) : null}
      </header>
      <div class="status-main">
        <div class="status-word" data-testid="status-word">
          {t.status[state.status]}
        </div>
        <div class="status-until" data-testid="status-until">
          {subline(state, now, fmt, t)}
        </div>
      </div>
      <div class="status-meetings">
        {state.current ? <MeetingCard label={t.now} meeting={state.current} fmt={fmt} t={t} testId="current" /> : null}
        {state.next ? <MeetingCard label={t.next} meeting={state.next} fmt={fmt} t={t} testId="next" /> : null}
      </div>
      {children}
    </main>
  );
}
