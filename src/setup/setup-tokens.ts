import type { Clock } from '../util/clock.js';
import { AttemptLock, lockWait } from './attempt-lock.js';
import { newSetupToken, newShortCode, normaliseShortCode, sameSecret } from './setup-secrets.js';

/** A setup token (and its short code) works this long after the door first shows it. */
export const SETUP_TOKEN_LIFETIME_MS = 15 * 60_000;

export interface SetupCredential {
  readonly token: string;
  readonly code: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export type TokenRefusal = 'TOKEN_MISSING' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_USED' | 'LOCKED';

export type TokenVerdict = { readonly ok: true } | { readonly ok: false; readonly code: TokenRefusal; readonly message: string };

// Retired tokens are kept only to say "expired" rather than "wrong": enough for a morning's setups.
const RETIRED_KEPT = 16;

/**
 * The one-time setup token and short code an unpaired door shows. A token lasts 15 minutes,
 * then the door shows a fresh one; it dies for good with the pairing it completed. Five wrong
 * guesses lock everything, right answers included, with growing delays.
 */
export class SetupTokens {
  private current: SetupCredential;
  private readonly retired: string[] = [];
  private readonly lock: AttemptLock;
  private cancelRotation: (() => void) | null = null;
  private closed = false;

  /**
   * @param used tokens that completed a pairing, shared across setup sessions (a re-opened setup
   *   must still call an old QR code "used", not "wrong").
   */
  constructor(
    private readonly clock: Clock,
    private readonly onChange: () => void,
    private readonly used: Set<string> = new Set(),
  ) {
    this.lock = new AttemptLock(() => clock.now());
    this.current = this.issue();
  }

  /** What the door shows now. */
  shown(): SetupCredential {
    return this.current;
  }

  lockedUntil(): number | null {
    return this.lock.until();
  }

  /** Checks a token sent with a setup request. Missing tokens are not guesses; wrong ones are. */
  check(token: string | undefined): TokenVerdict {
    const locked = this.lockRefusal();
    if (locked) return locked;
    if (!token) return { ok: false, code: 'TOKEN_MISSING', message: 'This request has no setup token. Scan the QR code on the display again.' };
    if ([...this.used].some((t) => sameSecret(token, t))) {
      return { ok: false, code: 'TOKEN_USED', message: 'This setup code was already used to pair the display. To change it, open the admin screen on the display.' };
    }
    if (sameSecret(token, this.current.token)) {
      this.lock.succeeded();
      return { ok: true };
    }
    if (this.retired.some((t) => sameSecret(token, t))) {
      return { ok: false, code: 'TOKEN_EXPIRED', message: 'This setup code has expired (they last 15 minutes). Scan the new QR code on the display; nothing you entered is lost.' };
    }
    return this.wrong('That setup token is not valid. Scan the QR code on the display again.');
  }

  /** The short code typed on the page instead of scanning: exchanged for the token. */
  exchange(typed: string): { ok: true; token: string } | { ok: false; code: TokenRefusal; message: string } {
    const locked = this.lockRefusal();
    if (locked) return locked;
    if (sameSecret(normaliseShortCode(typed), this.current.code)) {
      this.lock.succeeded();
      return { ok: true, token: this.current.token };
    }
    return this.wrong('That code is not the one on the display. Check it and type it again (letters and digits, e.g. K7QM-2XHD).');
  }

  /** The pairing is done: the token can never be used again, and the door stops showing one. */
  consume(): void {
    this.used.add(this.current.token);
    this.close();
  }

  close(): void {
    this.closed = true;
    this.cancelRotation?.();
    this.cancelRotation = null;
  }

  private lockRefusal(): { ok: false; code: 'LOCKED'; message: string } | null {
    const until = this.lock.until();
    if (until === null) return null;
    return {
      ok: false,
      code: 'LOCKED',
      message: `Setup is locked after too many wrong codes. Try again in ${lockWait(until, this.clock.now())}.`,
    };
  }

  private wrong(message: string): { ok: false; code: TokenRefusal; message: string } {
    const verdict = this.lock.failed();
    // The door shows the lock, so whoever stands at it knows why their phone is refused.
    this.onChange();
    if (verdict.locked) return this.lockRefusal() ?? { ok: false, code: 'LOCKED', message };
    return { ok: false, code: 'TOKEN_INVALID', message: `${message} (${this.lock.left()} tries left before setup locks.)` };
  }

  private issue(): SetupCredential {
    const now = this.clock.now();
    const credential = { token: newSetupToken(), code: newShortCode(), issuedAt: now, expiresAt: now + SETUP_TOKEN_LIFETIME_MS };
    this.cancelRotation = this.clock.at(credential.expiresAt, () => this.rotate());
    return credential;
  }

  private rotate(): void {
    if (this.closed) return;
    this.retired.push(this.current.token);
    if (this.retired.length > RETIRED_KEPT) this.retired.shift();
    this.current = this.issue();
    this.onChange();
  }
}
