import type { DoorService } from '../actions/door-service.js';
import type { Logger } from '../util/logger.js';
import { buttonRequest } from './button-requests.js';
import type { RunningHardware } from './hardware.js';
import type { StateHub } from './state-hub.js';

/**
 * Buttons act on the door exactly as a touch would (same checks, same outbox); motion checks in
 * the meeting under way and shows in RoomState. Returns the unsubscribe.
 */
export function wireHardwareInputs(hw: RunningHardware, o: { hub: StateHub; door: DoorService; requestAdmin: () => void; logger: Logger }): () => void {
  const stops: Array<() => void> = [];
  if (hw.buttons) {
    stops.push(
      hw.buttons.onPress((press) => {
        if (press.long) {
          // Any button held 5 s asks for the admin screen; the PIN pad on the door guards it.
          o.logger.info({ event: 'hardware.admin-requested', action: press.action }, 'Long press: admin screen requested');
          o.requestAdmin();
          return;
        }
        const request = buttonRequest(press.action, o.hub.current());
        if (!request) {
          o.logger.info({ event: 'hardware.button-ignored', action: press.action }, 'Button pressed, but the door offers nothing for it now');
          return;
        }
        const result = o.door.request(request);
        if (!result.ok) o.logger.warn({ event: 'hardware.button-refused', action: press.action, code: result.error.code }, result.error.message);
      }),
    );
  }
  if (hw.occupancy) {
    stops.push(
      hw.occupancy.onChange((_occupied, at, motion) => {
        if (motion) o.door.occupied(at);
        o.hub.refresh();
      }),
    );
  }
  return () => {
    for (const stop of stops.splice(0)) stop();
  };
}
