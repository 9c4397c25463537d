import type { Logger } from '../../util/logger.js';
import { cleanText } from '../../domain/privacy.js';
import { GraphFailure } from './graph-failure.js';
import type { GraphHttp } from './graph-http.js';
import { toIanaZone } from './time-zones.js';

export interface RoomDetails {
  readonly name: string | null;
  readonly capacity: number | null;
  /** IANA zone from the mailbox's settings. */
  readonly timeZone: string | null;
}

function field(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
}

/** Real tenants send capacity as a number, a numeric string, or nothing. */
export function parseCapacity(raw: unknown): number | null {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isInteger(n) && n > 0 && n < 100_000 ? n : null;
}

/**
 * Name, capacity and time zone of the room. Each read is optional: Place.Read.All or
 * MailboxSettings.Read may not be granted, and the door must work without them.
 */
export async function readRoomDetails(http: GraphHttp, roomEmail: string, logger: Logger): Promise<RoomDetails> {
  const room = encodeURIComponent(roomEmail);
  const optional = async (path: string): Promise<unknown> => {
    try {
      return await http.getJson(path);
    } catch (err) {
      if (err instanceof GraphFailure && (err.failure.kind === 'network' || err.failure.kind === 'throttled' || err.failure.kind === 'server')) throw err;
      logger.info({ event: 'room.details-unavailable', path: path.split('?')[0], code: err instanceof GraphFailure ? err.failure.code : 'error' }, 'Room detail not readable; using the configured value');
      return null;
    }
  };
  const settings = await optional(`/users/${room}/mailboxSettings`);
  const place = await optional(`/places/${room}`);
  const user = field(place, 'displayName') === undefined ? await optional(`/users/${room}?$select=displayName`) : null;
  const rawName = field(place, 'displayName') ?? field(user, 'displayName');
  return {
    name: cleanText(rawName, 80) || null,
    capacity: parseCapacity(field(place, 'capacity')),
    timeZone: toIanaZone(typeof field(settings, 'timeZone') === 'string' ? (field(settings, 'timeZone') as string) : null),
  };
}
