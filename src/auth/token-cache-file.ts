import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { Logger } from '../util/logger.js';

/**
 * MSAL's token cache on disk, readable by the lintel user only, so a reboot keeps the delegated
 * sign-in (refresh tokens last 90 days, sliding). Written via a temp file and rename: a power cut
 * mid-write must not lose the sign-in.
 */
export function tokenCacheFile(path: string, logger: Logger): ICachePlugin {
  return {
    beforeCacheAccess(context: TokenCacheContext): Promise<void> {
      if (!existsSync(path)) return Promise.resolve();
      try {
        context.tokenCache.deserialize(readFileSync(path, 'utf8'));
      } catch (err) {
        // A damaged cache only costs a new sign-in; the error text may quote the file, so it is not logged.
        logger.warn({ event: 'auth.cache-unreadable', code: (err as NodeJS.ErrnoException).code ?? 'PARSE' }, 'Token cache unreadable; a new sign-in will be needed');
      }
      return Promise.resolve();
    },
    afterCacheAccess(context: TokenCacheContext): Promise<void> {
      if (!context.cacheHasChanged) return Promise.resolve();
      const tmp = `${path}.tmp`;
      writeFileSync(tmp, context.tokenCache.serialize(), { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, path);
      return Promise.resolve();
    },
  };
}
