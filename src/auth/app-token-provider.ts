import { ConfidentialClientApplication } from '@azure/msal-node';
import type { AdminNoticeJson } from '../api/contract.js';
import { credentialExpiry, type AppCredential } from './credentials.js';
import { msalSetup, type AuthDeps, type MsalSetup } from './msal-setup.js';
import type { AuthStatus, TokenProvider } from './token-provider.js';

/** App-only sign-in (client credentials) with a client secret or a certificate. */
export class AppTokenProvider implements TokenProvider {
  readonly mode = 'app';
  private readonly msal: MsalSetup;
  private readonly client: ConfidentialClientApplication;

  constructor(
    private readonly deps: AuthDeps,
    private readonly credential: AppCredential,
  ) {
    this.msal = msalSetup(deps);
    this.client = new ConfidentialClientApplication({
      ...this.msal.config,
      auth: {
        ...this.msal.config.auth,
        ...(credential.kind === 'secret'
          ? { clientSecret: credential.secret }
          : { clientCertificate: { thumbprintSha256: credential.thumbprintSha256, privateKey: credential.privateKey, x5c: credential.certificatePem } }),
      },
    });
  }

  async token(options?: { forceRefresh?: boolean }): Promise<string> {
    this.msal.network.lastError = null;
    try {
      const result = await this.client.acquireTokenByClientCredential({
        scopes: [`${this.deps.connection.graphResource}/.default`],
        skipCache: options?.forceRefresh ?? false,
      });
      if (!result?.accessToken) throw new Error('no_tokens_found');
      return result.accessToken;
    } catch (err) {
      return this.msal.fail(err);
    }
  }

  status(): AuthStatus {
    const expiry = credentialExpiry(this.credential.kind, this.credential.expiresAt, this.deps.now());
    const notices: AdminNoticeJson[] = expiry ? [{ code: `${this.credential.kind}-expiry`, ...expiry }] : [];
    return { signIn: null, notices };
  }

  onStatusChange(): () => void {
    // Expiry notices change with the date only; the state hub re-derives at least daily.
    return () => undefined;
  }

  close(): void {
    // Nothing held open: MSAL's client credential flow keeps no timers.
  }
}
