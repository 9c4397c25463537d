import type { AdminNoticeJson } from '../api/contract.js';

/** A pending device-code sign-in, as the door shows it (times as epoch ms). */
export interface SignInPrompt {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly expiresAt: number;
  readonly account: string | null;
}

export interface AuthStatus {
  readonly signIn: SignInPrompt | null;
  readonly notices: readonly AdminNoticeJson[];
}

/** Gets Graph access tokens; throws GraphFailure (classified) when it cannot. */
export interface TokenProvider {
  readonly mode: 'app' | 'delegated';
  /** forceRefresh: the cached token was refused (401), ask the identity service for a new one. */
  token(options?: { forceRefresh?: boolean }): Promise<string>;
  status(): AuthStatus;
  /** Told when status() changes (a sign-in prompt appears or goes). */
  onStatusChange(listener: () => void): () => void;
  close(): void;
}
