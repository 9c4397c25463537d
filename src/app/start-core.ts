import { join } from 'node:path';
import { createLeds, type Leds } from '../../hardware/leds/leds.js';
import { startHttpServer, type RunningHttpServer } from '../api/http-server.js';
import { DemoCalendarSource } from '../calendar/demo-source.js';
import type { CalendarSource, RoomInfo } from '../calendar/source.js';
import type { LintelConfig } from '../config/load-config.js';
import { openDatabase } from '../store/open-database.js';
import { Store } from '../store/store.js';
import { SyncEngine } from '../sync/sync-engine.js';
import { systemClock, type Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { ensureDataDir } from './data-dir.js';
import { StateHub } from './state-hub.js';

export interface CoreOptions {
  readonly config: LintelConfig;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Built renderer to serve; null for API only. */
  readonly staticDir: string | null;
  /** Overrides the config's calendar source (tests, simulators). */
  readonly source?: CalendarSource;
  /** Port for the HTTP API; 0 picks a free one. Defaults to the config's. */
  readonly port?: number;
}

export interface RunningCore {
  readonly hub: StateHub;
  readonly sync: SyncEngine;
  readonly store: Store;
  readonly http: RunningHttpServer;
  readonly leds: Leds | null;
  readonly room: RoomInfo;
  close(): Promise<void>;
}

function sourceFor(config: LintelConfig): CalendarSource {
  switch (config.calendar.source) {
    case 'demo':
      return new DemoCalendarSource(config.room.timeZone);
  }
}

/** Wires store, calendar source, sync, state hub, LEDs and the HTTP API. The shells sit on top. */
export async function startCore(o: CoreOptions): Promise<RunningCore> {
  const clock = o.clock ?? systemClock;
  const logger = o.logger;
  ensureDataDir(o.dataDir);
  const store = new Store(openDatabase(join(o.dataDir, 'lintel.db'), logger, () => clock.now()));
  const source = o.source ?? sourceFor(o.config);
  const fromSource = await source.room();
  const room: RoomInfo = {
    ...fromSource,
    name: o.config.room.name ?? fromSource.name,
    email: o.config.room.email ?? fromSource.email,
  };

  let hub: StateHub | null = null;
  const sync = new SyncEngine({
    source,
    store,
    clock,
    logger: logger.child({ module: 'sync' }),
    timeZone: o.config.policy.timeZone,
    intervalMs: o.config.sync.intervalMs,
    onSynced: () => hub?.refresh(),
  });
  await sync.start();

  const leds = await createLeds(o.config.leds.driver);
  await leds?.open();
  hub = new StateHub({
    store,
    clock,
    room,
    policy: o.config.policy,
    display: o.config.display,
    syncStatus: () => sync.status(),
    onLeds: (pattern) => leds?.show(pattern),
  });
  hub.start();

  let http: RunningHttpServer;
  try {
    http = await startHttpServer({ feed: hub, logger, staticDir: o.staticDir, port: o.port ?? o.config.server.port });
  } catch (err) {
    sync.stop();
    hub.stop();
    await leds?.close();
    store.close();
    throw err;
  }
  const running = hub;
  return {
    hub: running,
    sync,
    store,
    http,
    leds,
    room,
    async close() {
      sync.stop();
      running.stop();
      await http.close();
      await leds?.close();
      store.close();
    },
  };
}
