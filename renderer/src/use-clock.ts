import { useEffect, useState } from 'preact/hooks';

/**
 * The current time, re-rendering just after each multiple of `periodMs` so a displayed value
 * changes on the boundary rather than up to one period late. Any other render (a new state)
 * also reads the clock afresh.
 */
export function useClock(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: number;
    const schedule = (t: number): void => {
      timer = window.setTimeout(tick, periodMs - (t % periodMs) + 20);
    };
    const tick = (): void => {
      const t = Date.now();
      setNow(t);
      schedule(t);
    };
    schedule(Date.now());
    return () => window.clearTimeout(timer);
  }, [periodMs]);
  return Math.max(now, Date.now());
}
