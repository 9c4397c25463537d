import type { RoomStatus } from './room-state.js';

export type LedMode = 'off' | 'on' | 'blink-slow' | 'blink-fast';

/** What each status LED shows. Amber is optional hardware; red+green stands in where it is missing. */
export interface LedPattern {
  readonly red: LedMode;
  readonly green: LedMode;
  readonly amber: LedMode;
}

export const LEDS_OFF: LedPattern = { red: 'off', green: 'off', amber: 'off' };

/** Green free, red busy, amber soon, amber slow blink while a check-in is due; stale data blinks fast. */
export function ledsFor(status: RoomStatus, stale: boolean): LedPattern {
  const base: LedPattern =
    status === 'free'
      ? { ...LEDS_OFF, green: 'on' }
      : status === 'busy'
        ? { ...LEDS_OFF, red: 'on' }
        : status === 'soon'
          ? { ...LEDS_OFF, amber: 'on' }
          : { ...LEDS_OFF, amber: 'blink-slow' };
  if (!stale) return base;
  const blinkOn = (m: LedMode): LedMode => (m === 'off' ? 'off' : 'blink-fast');
  return { red: blinkOn(base.red), green: blinkOn(base.green), amber: blinkOn(base.amber) };
}
