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

/**
 * Whole seconds left until `iso`, rounded up so a code that is still valid never reads "0:00".
 * Null when `iso` is not a date: better no countdown than a false "expired".
 */
export function secondsUntil(iso: string, now: number): number | null {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** m:ss; minutes are not wrapped into hours because a device code lives minutes, not hours. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * A URL as someone should type it: browsers add "https://" themselves, and without it
 * "microsoft.com/devicelogin" fits on one line of a 7" panel. Any other scheme stays visible,
 * so a plain-http or odd link is never disguised.
 */
export function urlForReading(uri: string): string {
  const m = /^https:\/\/([^/?#]+)(\/[^?#]*)?$/i.exec(uri.trim());
  if (!m) return uri;
  const path = (m[2] ?? '').replace(/\/$/, '');
  return `${m[1]}${path}`;
}
