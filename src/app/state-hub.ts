import type { RoomStateJson } from '../api/contract.js';
import { NO_ADMIN_NEWS, sameNews, toRoomStateJson, type AdminView, type DisplaySettings } from '../api/room-state-json.js';
import type { DoorService } from '../actions/door-service.js';
import type { RoomInfo } from '../calendar/source.js';
import { ledsFor, LEDS_OFF, type LedPattern } from '../domain/leds.js';
import { ledsLitAt, type LedHours } from '../domain/led-hours.js';
import type { SyncStatus } from '../sync/sync-engine.js';
import type { Clock } from '../util/clock.js';

export interface StateHubOptions {
  readonly clock: Clock;
  readonly room: RoomInfo;
  readonly display: DisplaySettings;
  readonly syncStatus: () => SyncStatus;
  /** Sign-in prompt and things the admin must fix. */
  readonly admin?: () => AdminView;
  /** The cache with unconfirmed door actions laid over it, derived; and what a passer-by may do. */
  readonly door: Pick<DoorService, 'effective' | 'view'>;
  /** Told every LED pattern change. */
  readonly onLeds?: (pattern: LedPattern) => void;
  /** When the LEDs may light (room's wall clock); null: always. */
  readonly ledHours?: LedHours | null;
  /** The motion sensor, when one is fitted. */
  readonly occupied?: (now: number) => boolean | null;
}

/**
 * Owns "what the door shows now": derives RoomState from the store whenever something may
 * have changed (a sync, a boundary in time) and tells subscribers only about real news.
 * One timer, armed for the state's own nextChangeAt; no polling.
 */
export class StateHub {
  private latest: RoomStateJson;
  private readonly listeners = new Set<(state: RoomStateJson) => void>();
  private cancelTimer: (() => void) | null = null;
  private room: RoomInfo;
  /** After stop(), late callers (a sync or an outbox step finishing while the core closes) change nothing. */
  private stopped = false;

  constructor(private readonly o: StateHubOptions) {
    this.room = o.room;
    this.latest = this.compute().json;
  }

  current(): RoomStateJson {
    return this.latest;
  }

  subscribe(listener: (state: RoomStateJson) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-derives now; publishes if the news changed; re-arms the timer. */
  refresh(): void {
    if (this.stopped) return;
    const { json, nextChangeAt } = this.compute();
    const news = !sameNews(json, this.latest);
    const ledsChanged = JSON.stringify(json.leds) !== JSON.stringify(this.latest.leds);
    this.latest = json;
    if (news) {
      if (ledsChanged) this.o.onLeds?.(json.leds);
      for (const listener of this.listeners) listener(json);
    }
    this.arm(nextChangeAt);
  }

  /** The room's name, capacity or zone changed (read from Microsoft 365); the door reads the new policy itself. */
  updateRoom(room: RoomInfo): void {
    this.room = room;
    this.refresh();
  }

  /** Starts the timer and pushes the first LED pattern. */
  start(): void {
    this.o.onLeds?.(this.latest.leds);
    this.refresh();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.listeners.clear();
  }

  private arm(at: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.o.clock.at(at, () => this.refresh());
  }

  private compute(): { json: RoomStateJson; nextChangeAt: number } {
    const { clock, display, door } = this.o;
    const now = clock.now();
    const effective = door.effective(now);
    const { state } = effective;
    const doorView = door.view(now, effective);
    const sync = this.o.syncStatus();
    const hours = ledsLitAt(now, this.o.ledHours ?? null, this.room.timeZone);
    const admin = this.o.admin?.() ?? NO_ADMIN_NEWS;
    // An unpaired display knows no room: green would tell a passer-by it is free.
    const unpaired = admin.setup != null && !admin.setup.reopened;
    const leds = hours.lit && !unpaired ? ledsFor(state.status, !sync.online) : LEDS_OFF;
    const occupied = this.o.occupied?.(now) ?? null;
    const json = toRoomStateJson(state, this.room, sync, leds, display, admin, doorView.view, occupied);
    return { json, nextChangeAt: Math.min(state.nextChangeAt, doorView.nextChangeAt ?? Infinity, hours.nextChangeAt) };
  }
}
