import { createTokenProvider } from '../auth/create-token-provider.js';
import type { ObservedResponse } from '../auth/network-client.js';
import type { TokenProvider } from '../auth/token-provider.js';
import { GraphHttp } from '../calendar/graph/graph-http.js';
import { GraphCalendarSource } from '../calendar/graph/graph-source.js';
import { GraphWriter } from '../calendar/graph/graph-writer.js';
import type { CalendarPort } from '../calendar/calendar-port.js';
import { readRoomDetails, type RoomDetails } from '../calendar/graph/room-details.js';
import type { RoomInfo } from '../calendar/source.js';
import type { GraphConnection } from '../config/load-config.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

export interface GraphWiring {
  readonly tokens: TokenProvider;
  readonly http: GraphHttp;
  readonly source: GraphCalendarSource;
  /** Door actions write through this; bookings as the room (app sign-in) or inviting it (delegated). */
  readonly port: CalendarPort;
  readonly bookingMode: 'room' | 'invite';
  readDetails(): Promise<RoomDetails>;
}

export interface GraphWiringOptions {
  readonly connection: GraphConnection;
  readonly room: () => RoomInfo;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly onGraphResponse?: (info: { url: string; status: number; bytes: number }) => void;
  readonly onIdentityResponse?: (r: ObservedResponse) => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** MSAL tokens, Graph HTTP and the delta source for one room mailbox. */
export function connectGraph(o: GraphWiringOptions): GraphWiring {
  const c = o.connection;
  const now = (): number => o.clock.now();
  const tokens = createTokenProvider(
    { connection: c, dataDir: o.dataDir, logger: o.logger.child({ module: 'auth' }), now, ...(o.onIdentityResponse ? { onIdentityResponse: o.onIdentityResponse } : {}) },
    o.clock,
    o.env,
  );
  const http = new GraphHttp({
    baseUrl: `${c.graphOrigin}/v1.0`,
    room: c.roomEmail,
    accessToken: (options) => tokens.token(options),
    now,
    ...(o.onGraphResponse ? { onResponse: o.onGraphResponse } : {}),
  });
  const source = new GraphCalendarSource({ http, room: o.room, logger: o.logger.child({ module: 'graph' }) });
  const port: CalendarPort = new GraphWriter(http, c.roomEmail, o.room);
  return { tokens, http, source, port, bookingMode: c.auth === 'delegated' ? 'invite' : 'room', readDetails: () => readRoomDetails(http, c.roomEmail, o.logger.child({ module: 'graph' })) };
}
