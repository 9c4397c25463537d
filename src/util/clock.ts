/** Time is injected so tests and the demo can move it; nothing else reads Date.now(). */
export interface Clock {
  now(): number;
  /** Calls `fn` once when the clock reaches `at`. Returns a cancel function. */
  at(at: number, fn: () => void): () => void;
}

// setTimeout's delay is a signed 32-bit number of ms; longer waits are chained.
const MAX_TIMER_MS = 2_147_483_647;

export const systemClock: Clock = {
  now: () => Date.now(),
  at(at, fn) {
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      const delay = Math.max(0, at - Date.now());
      timer = setTimeout(delay <= MAX_TIMER_MS ? fn : arm, Math.min(delay, MAX_TIMER_MS));
    };
    arm();
    return () => clearTimeout(timer);
  },
};
