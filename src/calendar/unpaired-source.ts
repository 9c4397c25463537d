import type { CalendarSource, RoomInfo, SyncRequest, SyncResult } from './source.js';

/** A display not paired to a room yet: no calendar, its own name where the room's would be. */
export class UnpairedSource implements CalendarSource {
  readonly kind = 'demo';

  constructor(
    private readonly deviceName: string,
    private readonly timeZone: string,
  ) {}

  room(): Promise<RoomInfo> {
    return Promise.resolve({ name: this.deviceName, email: '', timeZone: this.timeZone, capacity: null });
  }

  sync(request: SyncRequest): Promise<SyncResult> {
    return Promise.resolve({ batch: { kind: 'full', events: [] }, cursor: null, window: request.window });
  }
}
