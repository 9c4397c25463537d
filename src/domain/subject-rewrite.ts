/**
 * Room mailboxes set up with AddOrganizerToSubject (and often DeleteSubject) replace or prefix
 * the subject with the organizer's name: the most common complaint about room displays.
 */
export type SubjectRewrite = 'none' | 'replaced-by-organizer' | 'prefixed-with-organizer';

export function detectSubjectRewrite(subject: string, organizerName: string): SubjectRewrite {
  const s = subject.trim();
  const o = organizerName.trim();
  if (!o || !s) return 'none';
  if (s.localeCompare(o, undefined, { sensitivity: 'accent' }) === 0) return 'replaced-by-organizer';
  if (s.toLowerCase().startsWith(`${o.toLowerCase()} `) && s.length > o.length + 1) return 'prefixed-with-organizer';
  return 'none';
}

/** What a room's events suggest about its mailbox settings: rewritten when most organizer-led events are. */
export function mailboxRewritesSubjects(samples: readonly { subject: string; organizerName: string }[]): boolean {
  const judged = samples.filter((s) => s.organizerName.trim() !== '');
  if (judged.length < 2) return false;
  const rewritten = judged.filter((s) => detectSubjectRewrite(s.subject, s.organizerName) !== 'none').length;
  return rewritten / judged.length >= 0.6;
}

/** The fix an admin runs in Exchange Online PowerShell. */
export function calendarProcessingFix(roomEmail: string): string {
  return `Set-CalendarProcessing -Identity "${roomEmail}" -AddOrganizerToSubject $false -DeleteSubject $false -DeleteComments $false -RemovePrivateProperty $false`;
}
