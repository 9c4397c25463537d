import type { CalendarSource, RoomInfo, SyncRequest, SyncResult } from '../../src/calendar/source.js';
import type { CalendarEvent } from '../../src/domain/event.js';

/** A calendar that serves exactly the given events; `down` makes it fail like a dead network. */
export class FixedSource implements CalendarSource {
  readonly kind = 'graph';
  down = false;

  constructor(
    public events: CalendarEvent[],
    private readonly info: RoomInfo = { name: 'Fjord', email: 'fjord@contoso.com', timeZone: 'Europe/Berlin', capacity: 6 },
  ) {}

  room(): Promise<RoomInfo> {
    return Promise.resolve(this.info);
  }

  sync(request: SyncRequest): Promise<SyncResult> {
    if (this.down) return Promise.reject(new Error('connect ETIMEDOUT'));
    return Promise.resolve({ batch: { kind: 'full', events: this.events }, cursor: 'fixed', window: request.window });
  }
}
