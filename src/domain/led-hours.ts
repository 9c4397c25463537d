import { DateTime } from 'luxon';

/** When the status LEDs may light: a corridor at night needs no red glow. Times are the room's wall clock. */
export interface LedHours {
  /** "07:00" */
  readonly from: string;
  /** "19:00"; earlier than `from` means the window runs past midnight. */
  readonly to: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which a window starts. */
  readonly days: readonly number[];
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Whether the LEDs are on at `now`, and the next moment that changes. `null` hours: always on. */
export function ledsLitAt(now: number, hours: LedHours | null, zone: string): { lit: boolean; nextChangeAt: number } {
  if (!hours) return { lit: true, nextChangeAt: Infinity };
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  if (from === to) return { lit: true, nextChangeAt: Infinity };
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  let lit = false;
  let next = Infinity;
  // Yesterday's overnight window may still be open; a week ahead always holds the next boundary.
  for (let d = -1; d <= 8; d++) {
    const day = today.plus({ days: d });
    if (!hours.days.includes(day.weekday)) continue;
    const start = day.set({ hour: Math.floor(from / 60), minute: from % 60 }).toMillis();
    const endDay = to > from ? day : day.plus({ days: 1 });
    const end = endDay.set({ hour: Math.floor(to / 60), minute: to % 60 }).toMillis();
    if (start <= now && now < end) lit = true;
    for (const b of [start, end]) if (b > now && b < next) next = b;
  }
  return { lit, nextChangeAt: next };
}
