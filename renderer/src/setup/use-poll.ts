import { useEffect, useRef } from 'preact/hooks';

/**
 * Runs `tick` every `periodMs` while `periodMs` is not null. The next tick is scheduled after the
 * previous answer, so a slow display never gets a pile of requests. When the page comes back to
 * the foreground (the admin returns from the Microsoft sign-in tab) it ticks at once: phones
 * freeze timers in background tabs.
 */
export function usePoll(periodMs: number | null, tick: () => Promise<void>): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    if (periodMs === null) return;
    let stopped = false;
    let running = false;
    let timer: number | undefined;
    const run = async (): Promise<void> => {
      if (stopped || running) return;
      window.clearTimeout(timer);
      running = true;
      try {
        await tickRef.current();
      } finally {
        running = false;
      }
      if (!stopped) timer = window.setTimeout(() => void run(), periodMs);
    };
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void run();
    };
    timer = window.setTimeout(() => void run(), periodMs);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [periodMs]);
}
