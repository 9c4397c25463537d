/** Wrong tries allowed before the first lock. */
export const FREE_ATTEMPTS = 5;
const FIRST_LOCK_MS = 30_000;
const LONGEST_LOCK_MS = 60 * 60_000;

export type LockVerdict = { readonly locked: false } | { readonly locked: true; readonly until: number };

/**
 * Guessing guard for setup codes and admin PINs: after 5 wrong tries every further wrong try
 * locks for twice as long as the last (30 s, 1 min, 2 min … up to an hour). A right answer
 * clears the count; a lock holds even for the right answer, or a guesser would learn it.
 */
export class AttemptLock {
  private wrong = 0;
  private lockedUntil = 0;

  constructor(private readonly now: () => number) {}

  verdict(): LockVerdict {
    const now = this.now();
    return now < this.lockedUntil ? { locked: true, until: this.lockedUntil } : { locked: false };
  }

  /** Epoch ms the lock ends, or null when not locked. */
  until(): number | null {
    const v = this.verdict();
    return v.locked ? v.until : null;
  }

  failed(): LockVerdict {
    this.wrong += 1;
    if (this.wrong >= FREE_ATTEMPTS) {
      const ms = Math.min(FIRST_LOCK_MS * 2 ** (this.wrong - FREE_ATTEMPTS), LONGEST_LOCK_MS);
      this.lockedUntil = this.now() + ms;
    }
    return this.verdict();
  }

  succeeded(): void {
    this.wrong = 0;
  }

  /** Wrong tries left before the next lock. */
  left(): number {
    return Math.max(0, FREE_ATTEMPTS - this.wrong);
  }
}

/** "in 2 minutes" style wording for a lock message. */
export function lockWait(until: number, now: number): string {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
