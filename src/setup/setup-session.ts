import { hostname } from 'node:os';
import { SETUP_TOKEN_FRAGMENT, type SetupDoneJson, type SetupPromptJson } from '../api/contract.js';
import type { LintelConfig } from '../config/load-config.js';
import { toIsoInZone } from '../domain/time.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { lanAddresses, urlHost } from './device-identity.js';
import type { PairingRecord } from './pairing-record.js';
import { SetupFlow } from './setup-flow.js';
import { startSetupServer, type RunningSetupServer } from './setup-server.js';
import { SetupTokens } from './setup-tokens.js';

export interface SetupSessionOptions {
  readonly dataDir: string;
  readonly configPath: string;
  readonly config: LintelConfig;
  readonly deviceName: string;
  readonly staticDir: string | null;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reopened: boolean;
  /** Overrides config.setup.port (tests pass 0). */
  readonly port?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** The door should redraw: a new code, a lock. */
  readonly onChange: () => void;
  readonly onPaired: (record: PairingRecord, done: SetupDoneJson) => void;
  /** Tokens that already completed a pairing (kept by whoever outlives the session). */
  readonly usedTokens?: Set<string>;
}

export interface SetupSession {
  /** What the door shows: QR code, short code, address. */
  prompt(zone: string): SetupPromptJson;
  readonly port: number;
  close(): Promise<void>;
}

/** Names a phone may use for this device in the Host header. */
function hostNames(): string[] {
  const name = hostname().toLowerCase();
  return [...lanAddresses().map(urlHost), name, `${name.split('.')[0] ?? name}.local`, '127.0.0.1', 'localhost', '[::1]'];
}

/** Token, flow and LAN server of one setup: from showing the QR code to the confirmed pairing. */
export async function openSetupSession(o: SetupSessionOptions): Promise<SetupSession> {
  const tokens = new SetupTokens(o.clock, o.onChange, o.usedTokens);
  const flow = new SetupFlow({ dataDir: o.dataDir, configPath: o.configPath, config: o.config, clock: o.clock, logger: o.logger, ...(o.env ? { env: o.env } : {}) });
  let server: RunningSetupServer;
  const address = (): string => `http://${urlHost(lanAddresses()[0] ?? hostname())}:${server.port}/setup`;
  try {
    server = await startSetupServer({
      tokens,
      flow,
      staticDir: o.staticDir,
      port: o.port ?? o.config.setup.port,
      hostNames,
      deviceName: o.deviceName,
      address: () => address(),
      configPath: o.configPath,
      reopened: o.reopened,
      clock: o.clock,
      logger: o.logger,
      onPaired: o.onPaired,
    });
  } catch (err) {
    tokens.close();
    flow.close();
    throw err;
  }
  return {
    port: server.port,
    prompt(zone) {
      const shown = tokens.shown();
      const locked = tokens.lockedUntil();
      return {
        url: `${address()}#${SETUP_TOKEN_FRAGMENT}=${shown.token}`,
        code: shown.code,
        deviceName: o.deviceName,
        address: address(),
        expiresAt: toIsoInZone(shown.expiresAt, zone),
        lockedUntil: locked === null ? null : toIsoInZone(locked, zone),
        reopened: o.reopened,
      };
    },
    async close() {
      flow.close();
      await server.close();
    },
  };
}
