import { DateTime } from 'luxon';
import type { GraphEvent } from '../calendar/graph/graph-event.js';
import type { LintelConfig } from '../config/load-config.js';
import { calendarProcessingFix, detectSubjectRewrite, mailboxRewritesSubjects } from '../domain/subject-rewrite.js';
import { pass, warn, type DoctorLine } from './report.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Whether the room mailbox replaces subjects with the organizer's name. Only counts are printed:
 * subjects never leave this function, and the room's own bookings (Lintel's walk-up meetings, whose
 * subjects Lintel wrote itself) do not count.
 */
export function judgeSubjects(events: readonly GraphEvent[], roomEmail: string): DoctorLine {
  const samples = events
    .filter((e) => text(e.organizer?.emailAddress?.address).toLowerCase() !== roomEmail.toLowerCase())
    .map((e) => ({ subject: text(e.subject), organizerName: text(e.organizer?.emailAddress?.name) }))
    .filter((s) => s.organizerName.trim() !== '');
  if (!mailboxRewritesSubjects(samples)) {
    if (samples.length < 2) return pass('subjects', 'subjects kept (not enough meetings to judge)');
    return pass('subjects', `meetings keep their own subjects (${samples.length} checked)`);
  }
  const rewritten = samples.filter((s) => detectSubjectRewrite(s.subject, s.organizerName) !== 'none').length;
  return warn(
    'subjects',
    `the door shows organizers' names instead of subjects (${rewritten} of ${samples.length} meetings)`,
    `The room mailbox rewrites subjects (AddOrganizerToSubject/DeleteSubject). In Exchange Online PowerShell run: ${calendarProcessingFix(roomEmail)}`,
  );
}

/** Zone names differ (Europe/Kiev, Europe/Kyiv) while the clocks agree: compare offsets over a year. */
function sameClock(a: string, b: string, now: number): boolean {
  if (a === b) return true;
  const year = DateTime.fromMillis(now, { zone: 'UTC' }).year;
  return [0, 3, 6, 9].every((month) => {
    const at = Date.UTC(year, month, 15);
    const offsetA = DateTime.fromMillis(at, { zone: a });
    const offsetB = DateTime.fromMillis(at, { zone: b });
    return offsetA.isValid && offsetB.isValid && offsetA.offset === offsetB.offset;
  });
}

/** The mailbox's time zone against room.timeZone, which wins when set. */
export function judgeTimeZone(mailboxZone: string | null, room: LintelConfig['room'], now: number): DoctorLine {
  const grant = 'grant Microsoft Graph MailboxSettings.Read with admin consent (Entra ID > API permissions) so Lintel can read the mailbox\'s zone';
  if (mailboxZone === null) {
    return room.timeZoneFromConfig
      ? warn('time-zone', `mailbox time zone unknown; the door uses room.timeZone "${room.timeZone}"`, `Check that "${room.timeZone}" is right, and ${grant}.`)
      : warn('time-zone', `mailbox time zone unknown; the door uses this device's zone "${room.timeZone}"`, `Set room.timeZone in the config (e.g. "Europe/Berlin"), or ${grant}.`);
  }
  if (!room.timeZoneFromConfig) return pass('time-zone', `${mailboxZone}, from the mailbox`);
  if (sameClock(mailboxZone, room.timeZone, now)) return pass('time-zone', `room.timeZone "${room.timeZone}" matches the mailbox`);
  return warn(
    'time-zone',
    `room.timeZone "${room.timeZone}" differs from the mailbox's zone "${mailboxZone}"`,
    `The config wins, so "today" on the door follows "${room.timeZone}": if the mailbox is right, set room.timeZone to "${mailboxZone}" or remove it; otherwise correct the room's time zone in Exchange (Set-MailboxRegionalConfiguration).`,
  );
}
