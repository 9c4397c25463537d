import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../app/data-dir.js';
import { packageVersion, rendererDir, shellDir } from '../app/paths.js';
import type { RunningCore } from '../app/start-core.js';
import { DisplaySupervisor } from '../app/display-supervisor.js';
import { CONFIG_EXIT_CODE, ConfigError, loadConfig, type LintelConfig } from '../config/load-config.js';
import { errorMessage, LintelError } from '../util/errors.js';
import { createLogger, silentLogger, type Logger } from '../util/logger.js';
import { parseCliArgs, USAGE, type DoctorArgs, type PairArgs, type StartArgs } from './args.js';
import { findChromium, findElectronBinary, hasDisplay, launchWindow, planWindow } from './window-launcher.js';

/** --config, else DIR/config.json when it exists, else none (the demo room). Start and doctor must agree. */
function configFileFor(explicit: string | null, dataDir: string): string | null {
  const implicit = join(dataDir, 'config.json');
  return explicit ?? (existsSync(implicit) ? implicit : null);
}

function resolveStartConfig(args: StartArgs, file: string | null): LintelConfig {
  const config = loadConfig(file);
  if (!args.panel) return config;
  const hardware = config.hardware;
  return { ...config, hardware: { ...hardware, panel: { ...hardware.panel, type: args.panel.type, simulate: args.panel.simulate } } };
}

async function doctor(args: DoctorArgs, logger: Logger): Promise<number> {
  const dataDir = args.dataDir ?? defaultDataDir();
  // Doctor pulls in MSAL; loading it for every `start` would cost the door its start-up time.
  const { runDoctor } = await import('../doctor/run-doctor.js');
  return runDoctor({
    configFile: configFileFor(args.config, dataDir),
    dataDir,
    // Doctor's own lines say what is wrong; JSON logs on the same terminal would bury them.
    logger: process.env.LINTEL_LOG_LEVEL ? logger : silentLogger(),
    out: process.stdout,
  });
}

async function start(args: StartArgs, logger: Logger): Promise<number> {
  const dataDir = args.dataDir ?? defaultDataDir();
  // Pairing writes the room into the file start reads: --config, else DIR/config.json.
  const configPath = args.config ?? join(dataDir, 'config.json');
  const loadStartConfig = (): LintelConfig => resolveStartConfig(args, configFileFor(args.config, dataDir));
  const first = loadStartConfig();
  const staticDir = rendererDir();
  if (staticDir === null) {
    process.stderr.write('The display UI is not built. Run "npm run build" (npm start does it for you).\n');
    return 1;
  }
  let restarted = false;
  const supervisor = new DisplaySupervisor({
    loadConfig: loadStartConfig,
    configPath,
    dataDir,
    logger,
    staticDir,
    port: args.port ?? first.server.port,
    demo: args.demo || (args.unpairedDemo && !first.paired),
    onStarted: (core, config) => {
      // The first start is described in full below; this line is for restarts (pairing, admin).
      if (!restarted) {
        restarted = true;
        return;
      }
      const setup = supervisor.setupSession();
      if (setup) process.stdout.write(`  setup page open on the LAN, port ${setup.port}: scan the QR code on the display\n`);
      else process.stdout.write(`  showing room "${core.room.name}" (${config.calendar.source})\n`);
    },
  });
  const core: RunningCore = await supervisor.start();
  const config = first;
  // An e-paper door is the whole display: no window, no browser (a Pi Zero 2 W has no room for one).
  const epaper = config.hardware.panel.type !== 'lcd';
  const plan = planWindow(args.headless || epaper, { electron: findElectronBinary(), chromium: findChromium(), display: hasDisplay() });
  const panelLine = core.panel
    ? `  panel: ${core.panel.description}${core.panel.preview ? ` — picture in ${core.panel.preview}` : ''}\n`
    : epaper
      ? '  panel: FAILED to start — see the log line "panel.failed" for the reason and the fix\n'
      : '';
  const showing = config.paired || args.demo || args.unpairedDemo ? `room "${core.room.name}" (${args.demo || !config.paired ? 'demo' : config.calendar.source})` : `its setup QR code (unpaired; device "${core.room.name}"; setup page on the LAN, port ${supervisor.setupSession()?.port ?? 'none: see the log line "setup.failed"'})`;
  process.stdout.write(
    `Lintel is showing ${showing} at ${core.http.url}\n` +
      `  window: ${epaper ? 'none (e-paper door)' : `${plan.kind} — ${plan.reason}`}\n` +
      panelLine +
      `  state API: ${core.http.url}api/v1/state   data: ${dataDir}\n`,
  );

  const child = launchWindow(plan, core.http.url, shellDir(), dataDir, args.kiosk);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (code: number): void => {
      if (stopping) return;
      stopping = true;
      child?.kill('SIGTERM');
      void supervisor.close().then(() => resolve(code));
    };
    process.once('SIGINT', () => stop(0));
    process.once('SIGTERM', () => stop(0));
    // A kiosk window that dies takes the app down with it: systemd restarts the whole thing.
    child?.once('exit', (code) => {
      logger.warn({ event: 'window.exited', code }, 'The display window exited; stopping');
      stop(code ?? 1);
    });
  });
}

async function pair(args: PairArgs, logger: Logger): Promise<number> {
  const dataDir = args.dataDir ?? defaultDataDir();
  const { pairFromCli } = await import('./pair-command.js');
  const configPath = args.config ?? join(dataDir, 'config.json');
  const code = pairFromCli({ args, dataDir, configPath, logger, out: process.stdout });
  if (code !== 0) return code;
  // The pairing is written; doctor says at once whether the room will work.
  return doctor({ command: 'doctor', dataDir, config: args.config }, logger);
}

/** The `lintel` command. Returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const logger = createLogger();
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case 'version':
        process.stdout.write(`${packageVersion()}\n`);
        return 0;
      case 'start':
        return await start(args, logger);
      case 'doctor':
        return await doctor(args, logger);
      case 'pair':
        return await pair(args, logger);
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`lintel: ${err.message}\n`);
      return CONFIG_EXIT_CODE;
    }
    if (err instanceof LintelError) {
      process.stderr.write(`lintel: ${err.message}\n`);
      logger.error({ event: 'start.failed', code: err.code }, err.message);
      return 1;
    }
    process.stderr.write(`lintel: unexpected error: ${errorMessage(err)}\n`);
    throw err;
  }
}
