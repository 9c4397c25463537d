import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AdminCommand, AdminCommandResultJson, AdminSessionJson, ApiResult, DiagnosticsJson } from '../api/contract.js';
import type { AdminApi } from '../api/http-server.js';
import { toIsoInZone } from '../domain/time.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { AttemptLock, lockWait } from './attempt-lock.js';
import type { PairingRecord } from './pairing-record.js';
import { pinMatches, sameSecret } from './setup-secrets.js';

/** An admin session lasts this long after the PIN: enough to read diagnostics and act. */
const SESSION_MS = 5 * 60_000;

const unlockRequest = z.strictObject({ pin: z.string().max(16) });
const commandRequest = z.strictObject({ command: z.enum(['reopen-setup', 'change-room', 'restart', 'factory-reset']) });

export interface AdminAccessOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly zone: () => string;
  /** The pairing (with the PIN hash), read fresh: a factory reset removes it. */
  readonly pairing: () => PairingRecord | null;
  readonly diagnostics: () => Promise<DiagnosticsJson>;
  /** What the admin is told, and the work to do once that answer has left. */
  readonly run: (command: AdminCommand) => { message: string; work: () => void };
  readonly audit: (action: string, detail: Record<string, unknown>) => void;
}

const refuse = (code: string, message: string): ApiResult<never> => ({ ok: false, error: { code, message } });

/** The PIN-guarded admin screen's API. Wrong PINs lock with growing delays, like setup codes. */
export class AdminAccess implements AdminApi {
  private readonly lock: AttemptLock;
  private session: { id: string; expiresAt: number } | null = null;

  constructor(private readonly o: AdminAccessOptions) {
    this.lock = new AttemptLock(() => o.clock.now());
  }

  unlock(body: unknown): ApiResult<AdminSessionJson> {
    const now = this.o.clock.now();
    const until = this.lock.until();
    if (until !== null) return refuse('LOCKED', `Too many wrong PINs. Try again in ${lockWait(until, now)}.`);
    const pairing = this.o.pairing();
    if (!pairing) return refuse('NO_PIN', 'This display is not paired yet, so it has no admin PIN. Pair it first: scan the QR code it shows.');
    const parsed = unlockRequest.safeParse(body);
    if (!parsed.success || !pinMatches(parsed.data.pin, pairing.pinHash)) {
      const verdict = this.lock.failed();
      this.o.logger.warn({ event: 'admin.pin-wrong', locked: verdict.locked }, 'Wrong admin PIN entered at the door');
      this.o.audit('admin-pin-wrong', { locked: verdict.locked });
      if (verdict.locked) return refuse('LOCKED', `Too many wrong PINs. Try again in ${lockWait(verdict.until, now)}.`);
      return refuse('PIN_WRONG', `Wrong PIN. ${this.lock.left()} tries left before the admin screen locks.`);
    }
    this.lock.succeeded();
    this.session = { id: randomBytes(24).toString('base64url'), expiresAt: now + SESSION_MS };
    this.o.audit('admin-unlocked', {});
    return { ok: true, value: { session: this.session.id, expiresAt: toIsoInZone(this.session.expiresAt, this.o.zone()) } };
  }

  async diagnostics(session: string | undefined): Promise<ApiResult<DiagnosticsJson>> {
    const problem = this.checkSession(session);
    if (problem) return problem;
    return { ok: true, value: await this.o.diagnostics() };
  }

  command(session: string | undefined, body: unknown, afterAnswer: (work: () => void) => void): ApiResult<AdminCommandResultJson> {
    const problem = this.checkSession(session);
    if (problem) return problem;
    const parsed = commandRequest.safeParse(body);
    if (!parsed.success) return refuse('BAD_REQUEST', 'Unknown command: use reopen-setup, change-room, restart or factory-reset.');
    this.o.audit(`admin-${parsed.data.command}`, {});
    this.o.logger.info({ event: 'admin.command', command: parsed.data.command }, 'Admin command from the door');
    // Every command ends the session: the door restarts or shows setup next.
    this.session = null;
    const { message, work } = this.o.run(parsed.data.command);
    afterAnswer(work);
    return { ok: true, value: { message } };
  }

  private checkSession(session: string | undefined): ApiResult<never> | null {
    const s = this.session;
    if (!s || !session || !sameSecret(session, s.id) || this.o.clock.now() >= s.expiresAt) {
      return refuse('SESSION_INVALID', 'The admin session has ended. Enter the PIN again.');
    }
    return null;
  }
}
