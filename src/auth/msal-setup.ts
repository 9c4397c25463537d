import { join } from 'node:path';
import { LogLevel, type Configuration } from '@azure/msal-node';
import type { GraphConnection } from '../config/load-config.js';
import { GraphFailure } from '../calendar/graph/graph-failure.js';
import type { Logger } from '../util/logger.js';
import { classifyAuthError } from './classify-auth-error.js';
import { loopbackTransport } from './loopback-transport.js';
import { FetchNetworkClient, type ObservedResponse } from './network-client.js';
import { tokenCacheFile } from './token-cache-file.js';

export const TOKEN_CACHE_FILE = 'msal-token-cache.json';

export interface AuthDeps {
  readonly connection: GraphConnection;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly now: () => number;
  /** Every identity-service answer (for doctor's clock-skew check). */
  readonly onIdentityResponse?: (r: ObservedResponse) => void;
}

export interface MsalSetup {
  readonly config: Configuration;
  readonly network: FetchNetworkClient;
  readonly authority: string;
  /** Throws the MSAL error as a classified GraphFailure. */
  fail(err: unknown): never;
}

/** What both client kinds share: authority, our network client, the on-disk token cache, quiet logging. */
export function msalSetup(deps: AuthDeps): MsalSetup {
  const c = deps.connection;
  const transport = loopbackTransport([c.authorityOrigin, c.graphOrigin]);
  const origin = transport.logical(c.authorityOrigin);
  const authority = `${origin}/${c.tenant}`;
  const network = new FetchNetworkClient(transport, deps.now, deps.onIdentityResponse);
  const log = deps.logger.child({ module: 'msal' });
  const standardHost = /^https:\/\/login\.(microsoftonline\.(com|us)|chinacloudapi\.cn)$/.test(origin);
  const config: Configuration = {
    auth: {
      clientId: c.clientId,
      authority,
      // Instance discovery asks login.microsoftonline.com about the host; a simulator or a private
      // endpoint must be trusted as given instead.
      ...(standardHost ? {} : { knownAuthorities: [new URL(origin).host] }),
    },
    cache: { cachePlugin: tokenCacheFile(join(deps.dataDir, TOKEN_CACHE_FILE), log) },
    system: {
      networkClient: network,
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii) return;
          if (level === LogLevel.Error) log.warn({ event: 'msal.error' }, message);
        },
      },
    },
  };
  return {
    config,
    network,
    authority,
    fail(err: unknown): never {
      throw new GraphFailure(classifyAuthError(err, network.lastError, { tenant: c.tenant, clientId: c.clientId, authority }));
    },
  };
}
