import { PublicClientApplication, type AccountInfo, type DeviceCodeRequest } from '@azure/msal-node';
import { GraphFailure } from '../calendar/graph/graph-failure.js';
import type { Clock } from '../util/clock.js';
import { errorCode } from '../util/errors.js';
import { msalSetup, type AuthDeps, type MsalSetup } from './msal-setup.js';
import type { AuthStatus, SignInPrompt, TokenProvider } from './token-provider.js';

/** After a failed or declined device-code round, wait this long before showing a new code. */
const RETRY_SIGN_IN_MS = 30_000;

const SIGN_IN_NEEDED = new GraphFailure({
  kind: 'auth',
  code: 'SIGN_IN_NEEDED',
  retryAfterMs: null,
  advice: 'Nobody has signed in yet: the door shows a code; sign in with the booking account at the address shown.',
});

/**
 * Delegated sign-in of a booking account by device code. The door shows the code; once someone
 * signs in, refresh tokens (kept in the 0600 cache file) keep the device signed in across reboots.
 */
export class DeviceCodeProvider implements TokenProvider {
  readonly mode = 'delegated';
  private readonly msal: MsalSetup;
  private readonly client: PublicClientApplication;
  private readonly listeners = new Set<() => void>();
  private prompt: SignInPrompt | null = null;
  private round: DeviceCodeRequest | null = null;
  private cancelRetry: (() => void) | null = null;
  private closed = false;
  private lastFailure: string | null = null;

  constructor(
    private readonly deps: AuthDeps,
    private readonly clock: Clock,
  ) {
    this.msal = msalSetup(deps);
    this.client = new PublicClientApplication(this.msal.config);
  }

  private get scopes(): string[] {
    return [`${this.deps.connection.graphResource}/Calendars.ReadWrite.Shared`];
  }

  async token(options?: { forceRefresh?: boolean }): Promise<string> {
    const account = await this.account();
    if (!account) {
      this.startSignIn();
      throw SIGN_IN_NEEDED;
    }
    this.msal.network.lastError = null;
    try {
      const result = await this.client.acquireTokenSilent({ account, scopes: this.scopes, forceRefresh: options?.forceRefresh ?? false });
      return result.accessToken;
    } catch (err) {
      const code = errorCode(err) ?? (err as { errorCode?: string }).errorCode;
      if (err instanceof Error && (err.name === 'InteractionRequiredAuthError' || code === 'invalid_grant')) {
        // The refresh token is dead (revoked, password changed, 90 days unused): sign in again.
        await this.client.getTokenCache().removeAccount(account);
        this.startSignIn();
      }
      return this.msal.fail(err);
    }
  }

  status(): AuthStatus {
    return {
      signIn: this.prompt,
      notices: this.lastFailure ? [{ code: 'sign-in-failed', severity: 'error', message: this.lastFailure }] : [],
    };
  }

  onStatusChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The signed-in booking account, if any (from the persisted cache). */
  async account(): Promise<AccountInfo | null> {
    const accounts = await this.client.getTokenCache().getAllAccounts();
    const wanted = this.deps.connection.account?.toLowerCase();
    return accounts.find((a) => !wanted || a.username.toLowerCase() === wanted) ?? accounts[0] ?? null;
  }

  close(): void {
    this.closed = true;
    this.cancelRetry?.();
    if (this.round) this.round.cancel = true;
    this.listeners.clear();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** One device-code round at a time; a new code follows an expired one until someone signs in. */
  private startSignIn(): void {
    if (this.round || this.closed || this.cancelRetry) return;
    const request: DeviceCodeRequest = {
      scopes: this.scopes,
      deviceCodeCallback: (response) => {
        this.prompt = {
          userCode: response.userCode,
          verificationUri: response.verificationUri,
          expiresAt: this.deps.now() + response.expiresIn * 1000,
          account: this.deps.connection.account,
        };
        this.deps.logger.info({ event: 'auth.device-code', expiresIn: response.expiresIn }, 'Waiting for the booking account to sign in on another device');
        this.notify();
      },
    };
    this.round = request;
    this.msal.network.lastError = null;
    this.client
      .acquireTokenByDeviceCode(request)
      .then((result) => {
        this.lastFailure = null;
        this.deps.logger.info({ event: 'auth.signed-in' }, result?.account ? 'Booking account signed in' : 'Sign-in finished');
        return null;
      })
      .catch((err: unknown) => {
        if (this.closed) return;
        const expired = (err as { errorCode?: unknown }).errorCode === 'expired_token' || this.msal.network.lastError?.error === 'expired_token';
        if (expired) return 'again';
        try {
          this.msal.fail(err);
        } catch (failure) {
          const advice = failure instanceof GraphFailure ? failure.failure.advice : String(failure);
          this.lastFailure = advice;
          this.deps.logger.warn({ event: 'auth.device-code-failed', code: failure instanceof GraphFailure ? failure.failure.code : 'unknown' }, 'Device-code sign-in failed');
        }
        return 'later';
      })
      .then((next) => {
        this.round = null;
        this.prompt = null;
        this.notify();
        if (next === 'again') this.startSignIn();
        else if (next === 'later' && !this.closed) {
          this.cancelRetry = this.clock.at(this.deps.now() + RETRY_SIGN_IN_MS, () => {
            this.cancelRetry = null;
            this.startSignIn();
          });
        }
      });
  }
}
