import { useEffect, useState } from 'preact/hooks';

/** The current time, updated on each minute boundary (no per-second re-render). */
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
  return now;
}
