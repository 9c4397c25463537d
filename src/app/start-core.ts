import { join } from 'node:path';
import type { Leds } from '../../hardware/leds/leds.js';
import { startHttpServer, type AdminApi, type RunningHttpServer } from '../api/http-server.js';
import type { SetupPromptJson } from '../api/contract.js';
import { DemoCalendarSource } from '../calendar/demo-source.js';
import type { CalendarSource, RoomInfo } from '../calendar/source.js';
import type { LintelConfig } from '../config/load-config.js';
import { openDatabase } from '../store/open-database.js';
import { Store } from '../store/store.js';
import { SyncEngine } from '../sync/sync-engine.js';
import { systemClock, type Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { TokenProvider } from '../auth/token-provider.js';
import type { RoomDetails } from '../calendar/graph/room-details.js';
import type { RoomPolicy } from '../domain/policy.js';
import { ensureDataDir } from './data-dir.js';
import { toIsoInZone } from '../domain/time.js';
import { adminView } from './admin-view.js';
import type { GraphWiring, GraphWiringOptions } from './graph-connection.js';
import { StateHub } from './state-hub.js';
import { localPort } from '../calendar/calendar-port.js';
import { DoorExecutor } from '../actions/door-executor.js';
import { DoorService } from '../actions/door-service.js';
import { OutboxWorker } from '../actions/outbox-worker.js';
import { openHardware, type RunningHardware } from './hardware.js';
import { wireHardwareInputs } from './hardware-inputs.js';
import { simulatedInputs } from './simulated-inputs.js';
import { startPanel, type RunningPanel } from './panel-wiring.js';

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
  /** Observers of Graph and identity traffic (bench, doctor). */
  readonly graphHooks?: Pick<GraphWiringOptions, 'onGraphResponse' | 'onIdentityResponse' | 'env'>;
  /** The setup QR code the door shows while unpaired or re-opened (null: none now). */
  readonly setupPrompt?: (zone: string) => SetupPromptJson | null;
  /** The PIN-guarded admin screen's API. */
  readonly admin?: AdminApi;
}

export interface RunningCore {
  readonly hub: StateHub;
  readonly sync: SyncEngine;
  readonly store: Store;
  readonly http: RunningHttpServer;
  readonly leds: Leds | null;
  /** GPIO, buttons and the motion sensor as opened from the config. */
  readonly hardware: RunningHardware;
  /** The e-paper panel, when the config names one (and it started). */
  readonly panel: RunningPanel | null;
  readonly room: RoomInfo;
  /** Microsoft 365 sign-in, when the calendar comes from Graph. */
  readonly tokens: TokenProvider | null;
  /** Walk-up booking, check-in, end early, extend, undo and no-show release. */
  readonly door: DoorService;
  readonly outbox: OutboxWorker;
  /** Someone asked for the admin screen (a long button press): the door opens its PIN pad. */
  requestAdmin(): void;
  close(): Promise<void>;
}

const ROOM_DETAILS_KEY = 'room.details';
const DAY_MS = 24 * 60 * 60 * 1000;

function cachedDetails(store: Store): RoomDetails | null {
  const raw = store.setting(ROOM_DETAILS_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as RoomDetails;
  } catch {
    return null;
  }
}

/** Config wins over what Microsoft 365 says; Microsoft 365 wins over guesses. */
function roomFrom(config: LintelConfig, base: RoomInfo, details: RoomDetails | null): RoomInfo {
  return {
    name: config.room.name ?? details?.name ?? base.name,
    email: config.room.email ?? base.email,
    timeZone: config.room.timeZoneFromConfig ? config.room.timeZone : (details?.timeZone ?? base.timeZone),
    capacity: details?.capacity ?? base.capacity,
  };
}

/** Wires store, calendar source, sync, state hub, LEDs and the HTTP API. The shells sit on top. */
export async function startCore(o: CoreOptions): Promise<RunningCore> {
  const clock = o.clock ?? systemClock;
  const logger = o.logger;
  ensureDataDir(o.dataDir);
  const store = new Store(openDatabase(join(o.dataDir, 'lintel.db'), logger, () => clock.now()));
  const calendar = o.config.calendar;
  let room: RoomInfo;
  let policy: RoomPolicy = o.config.policy;
  let graph: GraphWiring | null = null;
  let source: CalendarSource;
  if (o.source) {
    source = o.source;
    room = roomFrom(o.config, await source.room(), null);
  } else if (calendar.source === 'graph') {
    const email = calendar.roomEmail;
    room = roomFrom(o.config, { name: email.split('@')[0] ?? email, email, timeZone: o.config.room.timeZone, capacity: null }, cachedDetails(store));
    try {
      // Loaded only for Graph rooms: MSAL and friends cost the demo room's start-up time and memory.
      const { connectGraph } = await import('./graph-connection.js');
      graph = connectGraph({ connection: calendar, room: () => room, dataDir: o.dataDir, logger, clock, ...(o.graphHooks ?? {}) });
    } catch (err) {
      store.close();
      throw err;
    }
    source = graph.source;
  } else {
    source = new DemoCalendarSource(o.config.room.timeZone);
    room = roomFrom(o.config, await source.room(), null);
  }
  policy = { ...policy, timeZone: room.timeZone };

  let hub: StateHub | null = null;
  const sync = new SyncEngine({
    source,
    store,
    clock,
    logger: logger.child({ module: 'sync' }),
    timeZone: () => room.timeZone,
    intervalMs: o.config.sync.intervalMs,
    onSynced: () => {
      // Back online: whatever waited in the outbox goes now, not at its backoff time.
      if (sync.status().online) worker.kick();
      door.checkReleases();
      hub?.refresh();
    },
  });
  const roomAsPerson = (): { name: string; email: string } => ({ name: room.name, email: room.email });
  const executor = new DoorExecutor({
    port: graph?.port ?? localPort(store),
    store,
    mode: graph?.bookingMode ?? 'room',
    room: roomAsPerson,
  });
  const worker = new OutboxWorker({
    store,
    executor,
    clock,
    logger: logger.child({ module: 'outbox' }),
    onChange: (item) => {
      hub?.refresh();
      // After a door action the cache may lag Microsoft 365 (a slot taken in Outlook, a decline): show the real calendar now.
      if (graph && (item.status === 'done' || item.status === 'failed')) void sync.syncNow();
    },
  });
  const door = new DoorService({
    store,
    clock,
    logger: logger.child({ module: 'door' }),
    booking: o.config.booking,
    release: o.config.release,
    policy: () => policy,
    timeZone: () => room.timeZone,
    online: () => sync.status().online,
    signedOut: () => graph?.tokens.status().signIn != null,
    roomOrganizes: executor.mode === 'room',
    kick: () => worker.kick(),
    onChange: () => hub?.refresh(),
  });
  // The demo answers at once; Microsoft 365 may not: the door starts from the cache and never waits on the network.
  const firstSync = sync.start();
  if (!graph) await firstSync;

  let hardware: RunningHardware;
  try {
    hardware = await openHardware({ config: o.config.hardware, clock, logger: logger.child({ module: 'hardware' }) });
  } catch (err) {
    sync.stop();
    worker.stop();
    door.stop();
    await sync.idle();
    graph?.tokens.close();
    store.close();
    throw err;
  }
  const { leds } = hardware;
  const tokens = graph?.tokens ?? null;
  let adminRequestedAt: string | null = null;
  const requestAdmin = (): void => {
    adminRequestedAt = toIsoInZone(clock.now(), room.timeZone);
    hub?.refresh();
  };
  hub = new StateHub({
    clock,
    room,
    display: o.config.display,
    syncStatus: () => sync.status(),
    door,
    admin: () => ({ ...adminView(tokens, sync.status().failure, room.timeZone), setup: o.setupPrompt?.(room.timeZone) ?? null, adminRequestedAt }),
    onLeds: (pattern) => leds?.show(pattern),
    ledHours: o.config.hardware.leds.hours,
    occupied: (now) => hardware.occupancy?.occupied(now) ?? null,
  });
  const stopHardwareInputs = wireHardwareInputs(hardware, { hub, door, requestAdmin, logger: logger.child({ module: 'hardware' }) });
  let panel: RunningPanel | null = null;
  try {
    panel = await startPanel({ config: o.config.hardware.panel, hub, gpio: hardware.gpio, dataDir: o.dataDir, clock, logger: logger.child({ module: 'panel' }), timeZone: () => room.timeZone });
  } catch (err) {
    // A dead panel must not stop the LEDs and the API: the admin reads the reason in the log and doctor.
    logger.error({ event: 'panel.failed' }, `The e-paper panel could not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  hub.start();
  const running = hub;
  worker.start();
  door.checkReleases();
  const stopAuthWatch = tokens?.onStatusChange(() => {
    running.refresh();
    // A finished sign-in should show the calendar now, not after the backoff.
    if (!tokens.status().signIn) void sync.syncNow();
  });

  // The admin may never look at the door: an expiring secret or certificate is logged daily too.
  let cancelExpiryLog = null as (() => void) | null;
  const logExpiry = (): void => {
    for (const n of tokens?.status().notices ?? []) {
      if (n.code.endsWith('-expiry')) logger.warn({ event: 'auth.credential-expiry', severity: n.severity }, n.message);
    }
    cancelExpiryLog = clock.at(clock.now() + DAY_MS, logExpiry);
  };
  if (tokens) logExpiry();

  let cancelDetails = null as (() => void) | null;
  const refreshDetails = async (): Promise<void> => {
    if (!graph) return;
    try {
      const details = await graph.readDetails();
      store.setSetting(ROOM_DETAILS_KEY, JSON.stringify(details));
      const next = roomFrom(o.config, room, details);
      if (JSON.stringify(next) !== JSON.stringify(room)) {
        const zoneMoved = next.timeZone !== room.timeZone;
        room = next;
        policy = { ...policy, timeZone: room.timeZone };
        running.updateRoom(room);
        if (zoneMoved) void sync.syncNow();
      }
      cancelDetails = clock.at(clock.now() + DAY_MS, () => void refreshDetails());
    } catch {
      // Offline or throttled: the cached details stand; try again in an hour.
      cancelDetails = clock.at(clock.now() + DAY_MS / 24, () => void refreshDetails());
    }
  };
  void refreshDetails();

  let http: RunningHttpServer;
  try {
    const simulate = simulatedInputs(hardware, o.config.hardware);
    http = await startHttpServer({
      feed: hub,
      act: (request) => door.request(request),
      ...(simulate ? { simulate } : {}),
      ...(o.admin ? { admin: o.admin } : {}),
      logger,
      staticDir: o.staticDir,
      port: o.port ?? o.config.server.port,
    });
  } catch (err) {
    sync.stop();
    worker.stop();
    door.stop();
    hub.stop();
    stopAuthWatch?.();
    cancelDetails?.();
    cancelExpiryLog?.();
    tokens?.close();
    stopHardwareInputs();
    await panel?.close();
    await hardware.close();
    store.close();
    throw err;
  }
  return {
    hub: running,
    sync,
    store,
    http,
    leds,
    hardware,
    get panel() {
      return panel;
    },
    get room() {
      return room;
    },
    tokens,
    door,
    outbox: worker,
    requestAdmin,
    async close() {
      sync.stop();
      worker.stop();
      door.stop();
      running.stop();
      stopAuthWatch?.();
      cancelDetails?.();
      cancelExpiryLog?.();
      tokens?.close();
      // A sync or room read still in flight must not touch the store after it closes.
      await sync.idle();
      await worker.idle();
      await http.close();
      stopHardwareInputs();
      await panel?.close();
      await hardware.close();
      store.close();
    },
  };
}
