import { useEffect, useState } from 'preact/hooks';

/**
 * The current time. Re-renders on each minute boundary (no per-second work); any other render
 * (a new state) also reads the clock afresh, so countdowns never lag behind the state.
 */
export function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: number;
    const tick = (): void => {
      const t = Date.now();
      setNow(t);
      timer = window.setTimeout(tick, 60_000 - (t % 60_000) + 20);
    };
    timer = window.setTimeout(tick, 60_000 - (Date.now() % 60_000) + 20);
    return () => window.clearTimeout(timer);
  }, []);
  return Math.max(now, Date.now());
}
