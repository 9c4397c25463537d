import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Whether `at` (the state's `adminRequestedAt`) is a hardware long press the door has not
 * answered yet. Each value opens the PIN pad once; a value older than `windowMs` (say, found
 * when the page reloads hours later) is history, not somebody standing at the door.
 */
export function isNewAdminRequest(at: string | null, seen: string | null, now: number, windowMs: number): boolean {
  if (at === null || at === seen) return false;
  const t = Date.parse(at);
  return Number.isFinite(t) && Math.abs(now - t) <= windowMs;
}

/** Calls `onRequest` once for each new, recent `adminRequestedAt`. */
export function useAdminRequest(at: string | null, windowMs: number, onRequest: () => void): void {
  const seen = useRef<string | null>(null);
  const callback = useRef(onRequest);
  callback.current = onRequest;
  useEffect(() => {
    const fresh = isNewAdminRequest(at, seen.current, Date.now(), windowMs);
    if (at !== null) seen.current = at;
    if (fresh) callback.current();
  }, [at, windowMs]);
}

/**
 * Calls `onIdle` after `ms` without a touch; call the returned function on every touch. A
 * counter, not a timestamp, restarts the wait: two touches in the same millisecond still count.
 */
export function useIdleTimeout(ms: number, onIdle: () => void): () => void {
  const [touches, setTouches] = useState(0);
  const callback = useRef(onIdle);
  callback.current = onIdle;
  useEffect(() => {
    const timer = window.setTimeout(() => callback.current(), ms);
    return () => window.clearTimeout(timer);
  }, [touches, ms]);
  const touch = useRef(() => setTouches((n) => n + 1));
  return touch.current;
}
