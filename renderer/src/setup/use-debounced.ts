import { useEffect, useState } from 'preact/hooks';

/** `value` once it has stayed the same for `delayMs`: a search runs when the typing pauses, not per key. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
