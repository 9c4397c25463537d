import { existsSync } from 'node:fs';
import type { AdminCommand, DiagnosticsJson } from '../api/contract.js';
import type { LintelConfig } from '../config/load-config.js';
import { UnpairedSource } from '../calendar/unpaired-source.js';
import { checkLinesJson } from '../doctor/report.js';
import { toIsoInZone } from '../domain/time.js';
import { AdminAccess } from '../setup/admin-access.js';
import { deviceName, lanAddresses } from '../setup/device-identity.js';
import { readPairing, type PairingRecord } from '../setup/pairing-record.js';
import type { SetupSession } from '../setup/setup-session.js';
import { systemClock, type Clock } from '../util/clock.js';
import { errorMessage } from '../util/errors.js';
import { silentLogger, type Logger } from '../util/logger.js';
import { packageVersion } from './paths.js';
import { startCore, type CoreOptions, type RunningCore } from './start-core.js';

export interface SupervisorOptions {
  /** Read afresh on every (re)start: pairing and factory reset change the file. */
  readonly loadConfig: () => LintelConfig;
  /** The config file pairing writes into (what loadConfig reads). */
  readonly configPath: string;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly staticDir: string | null;
  /** HTTP API port; 0 picks one on the first start, and restarts keep it. */
  readonly port?: number;
  /** Setup page port; default the config's (tests pass 0). */
  readonly setupPort?: number;
  /** --demo: the demo room, paired or not. */
  readonly demo?: boolean;
  readonly graphHooks?: CoreOptions['graphHooks'];
  readonly env?: NodeJS.ProcessEnv;
  /** Told after each (re)start, e.g. to print the URL. */
  readonly onStarted?: (core: RunningCore, config: LintelConfig) => void;
}

/**
 * Owns the core across its lifetimes: an unpaired display runs with the setup page open; a
 * confirmed pairing, a restart or a factory reset closes the core and starts it again from the
 * config on disk, on the same HTTP port, so the door's window simply reconnects.
 */
export class DisplaySupervisor {
  private core: RunningCore | null = null;
  private config: LintelConfig | null = null;
  private setup: SetupSession | null = null;
  private port: number | undefined;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly clock: Clock;
  /** One-time tokens that paired this display: refused as "used" by every later setup. */
  private readonly usedTokens = new Set<string>();
  /** Lives across restarts: a restart must not reset the count of wrong PINs. */
  readonly admin: AdminAccess;

  constructor(private readonly o: SupervisorOptions) {
    this.clock = o.clock ?? systemClock;
    this.port = o.port;
    this.admin = new AdminAccess({
      clock: this.clock,
      logger: o.logger.child({ module: 'admin' }),
      zone: () => this.core?.room.timeZone ?? 'UTC',
      pairing: () => readPairing(o.dataDir),
      diagnostics: () => this.diagnostics(),
      run: (command) => this.command(command),
      audit: (action, detail) => this.audit('door admin', action, detail),
    });
  }

  current(): RunningCore {
    if (!this.core) throw new Error('the display is not running');
    return this.core;
  }

  /** The setup page while it is open (unpaired, or re-opened). */
  setupSession(): SetupSession | null {
    return this.setup;
  }

  async start(): Promise<RunningCore> {
    await this.launch(false);
    return this.current();
  }

  /** Serialised: a second request waits for the first to finish. */
  restart(next: { reopenSetup?: boolean; factoryReset?: boolean } = {}): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (this.closed) return;
      await this.stopCore(next.factoryReset === true);
      if (next.factoryReset) {
        const { forgetPairing } = await import('../setup/pairing-store.js');
        forgetPairing(this.o.dataDir, this.o.configPath);
      }
      await this.launch(next.reopenSetup === true);
    });
    return this.queue;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await this.stopCore(false);
  }

  private async launch(reopenSetup: boolean): Promise<void> {
    const config = this.o.loadConfig();
    const demo = this.o.demo === true;
    const paired = config.paired || demo;
    const name = deviceName(config.setup.deviceName);
    const effective: LintelConfig = demo ? { ...config, calendar: { source: 'demo' } } : config;
    const core = await startCore({
      config: effective,
      dataDir: this.o.dataDir,
      logger: this.o.logger,
      clock: this.clock,
      staticDir: this.o.staticDir,
      ...(this.port !== undefined ? { port: this.port } : {}),
      ...(paired ? {} : { source: new UnpairedSource(name, config.room.timeZone) }),
      ...(this.o.graphHooks ? { graphHooks: this.o.graphHooks } : {}),
      setupPrompt: (zone) => this.setup?.prompt(zone) ?? null,
      admin: this.admin,
    });
    this.core = core;
    this.config = effective;
    this.port = core.http.port;
    if (!paired || reopenSetup) {
      try {
        // Loaded only when setup opens: the setup flow pulls in MSAL and doctor, which a paired
        // door's start-up time and memory should not pay for.
        const { openSetupSession } = await import('../setup/setup-session.js');
        this.setup = await openSetupSession({
          dataDir: this.o.dataDir,
          configPath: this.o.configPath,
          config,
          deviceName: name,
          staticDir: this.o.staticDir,
          clock: this.clock,
          logger: this.o.logger.child({ module: 'setup' }),
          reopened: paired,
          ...(this.o.setupPort !== undefined ? { port: this.o.setupPort } : {}),
          ...(this.o.env ? { env: this.o.env } : {}),
          onChange: () => core.hub.refresh(),
          onPaired: (record) => this.paired(record),
          usedTokens: this.usedTokens,
        });
      } catch (err) {
        // The door still shows why: the admin reads it in the log; the display keeps running.
        this.o.logger.error({ event: 'setup.failed' }, `The setup page could not open: ${errorMessage(err)}`);
      }
      core.hub.refresh();
    }
    this.o.onStarted?.(core, effective);
  }

  private async stopCore(wipe: boolean): Promise<void> {
    const setup = this.setup;
    this.setup = null;
    await setup?.close();
    const core = this.core;
    this.core = null;
    if (!core) return;
    if (wipe) core.store.wipeCalendarData();
    await core.close();
  }

  private paired(record: PairingRecord): void {
    this.audit(record.by, 'paired', { room: record.room.email, auth: record.auth, via: 'setup page' });
    this.o.logger.info({ event: 'setup.paired', auth: record.auth }, 'Display paired from the setup page');
    void this.restart();
  }

  private audit(actor: string, action: string, detail: Record<string, unknown>): void {
    try {
      this.core?.store.audit({ at: this.clock.now(), actor, action, detail });
    } catch (err) {
      this.o.logger.warn({ event: 'audit.failed' }, `Could not write the audit log: ${errorMessage(err)}`);
    }
  }

  /** The restart waits for the admin's answer to leave: closing the HTTP server first would cut it off. */
  private command(command: AdminCommand): { message: string; work: () => void } {
    const restart = (next: { reopenSetup?: boolean; factoryReset?: boolean }) => (): void => void this.restart(next);
    switch (command) {
      case 'reopen-setup':
        return { message: 'Setup is open: scan the QR code on the display with a phone. The room keeps showing until a new pairing is confirmed.', work: restart({ reopenSetup: true }) };
      case 'change-room':
        return { message: 'Scan the QR code on the display, sign in and pick the new room. The current room keeps showing until you confirm.', work: restart({ reopenSetup: true }) };
      case 'restart':
        return { message: 'Restarting the display; it is back in a few seconds.', work: restart({}) };
      case 'factory-reset':
        return { message: 'Credentials and the calendar cache are wiped. The display now shows its setup QR code.', work: restart({ factoryReset: true }) };
    }
  }


  private async diagnostics(): Promise<DiagnosticsJson> {
    const core = this.current();
    const zone = core.room.timeZone;
    const state = core.hub.current();
    const pairing = readPairing(this.o.dataDir);
    const { diagnose } = await import('../doctor/run-doctor.js');
    const report = await diagnose({
      configFile: existsSync(this.o.configPath) ? this.o.configPath : null,
      dataDir: this.o.dataDir,
      logger: silentLogger(),
      clock: this.clock,
      env: this.o.env ?? process.env,
    });
    const sync = core.sync.status();
    const lastError = core.store.syncState(core.sync.status().source)?.lastError ?? null;
    const now = toIsoInZone(this.clock.now(), zone);
    const errors = [...state.notices.map((n) => ({ at: now, message: n.message })), ...(lastError ? [{ at: now, message: lastError }] : [])];
    return {
      deviceName: deviceName(this.config?.setup.deviceName ?? null),
      version: packageVersion(),
      addresses: lanAddresses(),
      room: this.config?.paired || this.config?.calendar.source === 'demo' ? { name: core.room.name, email: core.room.email } : null,
      signedInAs: this.config?.calendar.source === 'graph' ? (pairing?.by ?? (this.config.calendar.auth === 'delegated' ? 'booking account' : 'app credentials')) : 'demo',
      pairedAt: pairing ? toIsoInZone(pairing.pairedAt, zone) : null,
      lastSyncAt: sync.lastSuccessAt === null ? null : toIsoInZone(sync.lastSuccessAt, zone),
      online: sync.online,
      errors,
      checks: checkLinesJson(report),
      versions: { lintel: packageVersion(), node: process.versions.node, electron: process.versions.electron ?? null },
    };
  }
}
