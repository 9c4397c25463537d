import { findIana } from 'windows-iana';
import { isValidTimeZone } from '../../domain/time.js';

/**
 * Graph gives zones as IANA names, Windows names ("W. Europe Standard Time", from Outlook
 * and mailboxSettings) or "tzone://Microsoft/Utc". Returns an IANA zone, or null if unknown.
 */
export function toIanaZone(name: string | null | undefined): string | null {
  if (!name) return null;
  const trimmed = name.trim();
  if (/^(utc|tzone:\/\/microsoft\/utc|coordinated universal time)$/i.test(trimmed)) return 'UTC';
  if (trimmed.includes('/') && isValidTimeZone(trimmed)) return trimmed;
  const fromWindows = findIana(trimmed)[0];
  if (fromWindows && isValidTimeZone(fromWindows)) return fromWindows;
  return isValidTimeZone(trimmed) ? trimmed : null;
}
