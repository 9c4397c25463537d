export interface TimeFormat {
  time(iso: string | number): string;
  date(at: number): string;
  /** Calendar day key (YYYY-MM-DD) in the room's zone. */
  dayKey(at: string | number): string;
}

export function timeFormat(locale: string, timeZone: string, hourCycle: 'h12' | 'h23'): TimeFormat {
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', hourCycle, timeZone });
  const date = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone });
  const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
  const ms = (v: string | number): number => (typeof v === 'number' ? v : Date.parse(v));
  return {
    time: (v) => time.format(ms(v)),
    date: (at) => date.format(at),
    dayKey: (v) => day.format(ms(v)),
  };
}

/** Whole minutes from `now` until `iso`, rounded up so "in 1 min" never shows as "in 0 min". */
export function minutesUntil(iso: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 60_000));
}
