import type { Clock } from '../util/clock.js';
import { AppTokenProvider } from './app-token-provider.js';
import { loadAppCredential } from './credentials.js';
import { DeviceCodeProvider } from './device-code-provider.js';
import type { AuthDeps } from './msal-setup.js';
import type { TokenProvider } from './token-provider.js';

/** The token provider for the configured auth mode; throws CredentialError for a bad secret or certificate file. */
export function createTokenProvider(deps: AuthDeps, clock: Clock, env: NodeJS.ProcessEnv = process.env): TokenProvider {
  if (deps.connection.auth === 'delegated') return new DeviceCodeProvider(deps, clock);
  return new AppTokenProvider(deps, loadAppCredential(deps.connection, env));
}
