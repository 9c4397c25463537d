/**
 * The time source of drivers that wait (PIR vacancy, panel intervals, serial timeouts). Same shape
 * as the core's Clock, which the core passes in; hardware/ may not import the core, so it is
 * declared here once.
 */
export interface HardwareClock {
  now(): number;
  /** Calls `fn` once when the clock reaches `at`. Returns a cancel function. */
  at(at: number, fn: () => void): () => void;
}

/** The wall clock, with timers that never keep the process alive on their own. */
export const wallClock: HardwareClock = {
  now: () => Date.now(),
  at(at, fn) {
    const timer = setTimeout(fn, Math.max(0, at - Date.now()));
    timer.unref();
    return () => clearTimeout(timer);
  },
};
