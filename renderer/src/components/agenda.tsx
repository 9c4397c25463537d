import type { MeetingJson } from '../../../src/api/contract.js';
import type { TimeFormat } from '../format.js';
import type { Strings } from '../i18n.js';

interface Props {
  agenda: MeetingJson[];
  now: number;
  fmt: TimeFormat;
  t: Strings;
  currentId: string | null;
}

/** How many finished meetings stay visible above the first one still to come. */
const PAST_SHOWN = 1;

export function Agenda({ agenda, now, fmt, t, currentId }: Props) {
  const allDay = agenda.filter((m) => m.isAllDay);
  const timed = agenda.filter((m) => !m.isAllDay);
  const firstOpen = timed.findIndex((m) => Date.parse(m.end) > now);
  const from = firstOpen < 0 ? Math.max(0, timed.length - PAST_SHOWN) : Math.max(0, firstOpen - PAST_SHOWN);
  const hidden = from;
  const shown = timed.slice(from);
  const noneLeft = firstOpen < 0;

  return (
    <section class="agenda" data-testid="agenda" aria-label={t.today}>
      <h2 class="agenda-title">{t.today}</h2>
      {allDay.map((m) => (
        <div class={`agenda-allday${m.isCancelled ? ' is-cancelled' : ''}`} key={m.id} data-testid="agenda-item">
          <span class="agenda-time">{t.allDay}</span>
          <span class="agenda-subject" dir="auto">
            {m.isPrivate ? t.privateMeeting : m.subject}
          </span>
        </div>
      ))}
      {hidden > 0 ? <div class="agenda-earlier">{t.earlier(hidden)}</div> : null}
      <ol class="agenda-list">
        {shown.map((m) => {
          const past = Date.parse(m.end) <= now;
          const classes = ['agenda-item', past ? 'is-past' : '', m.id === currentId ? 'is-current' : '', m.isCancelled ? 'is-cancelled' : '']
            .filter(Boolean)
            .join(' ');
          return (
            <li class={classes} key={m.id} data-testid="agenda-item">
              <span class="agenda-time">
                {fmt.time(m.start)}–{fmt.time(m.end)}
              </span>
              <span class="agenda-subject" dir="auto">
                {m.isPrivate ? t.privateMeeting : m.subject}
              </span>
              <span class="agenda-meta" dir="auto">
                {m.isCancelled ? <span class="tag">{t.cancelled}</span> : null}
                {m.isTentative && !m.isCancelled ? <span class="tag">{t.tentative}</span> : null}
                {m.organizer ?? ''}
              </span>
            </li>
          );
        })}
      </ol>
      {agenda.length === 0 ? <div class="agenda-empty">{t.nothingToday}</div> : noneLeft ? <div class="agenda-empty">{t.noMoreToday}</div> : null}
    </section>
  );
}
