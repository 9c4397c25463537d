import { useClock } from './use-clock.js';

/** The current time, re-rendering on each minute boundary: the door view needs no per-second work. */
export function useMinuteClock(): number {
  return useClock(60_000);
}
