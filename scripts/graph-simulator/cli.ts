// `node dist/scripts/graph-simulator/cli.js [--port N] [--scenario FILE]`: runs the simulator until
// SIGINT/SIGTERM. Exit codes follow `lintel`: 0 stopped, 1 could not start, 2 bad flags or scenario.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadScenarioFile, ScenarioError } from './scenario.js';
import { startGraphSimulator, type RunningSimulator } from './server.js';

export interface CliOptions {
  port: number;
  scenarioPath?: string;
  publicUrl?: string;
}

export class CliUsageError extends Error {
  readonly code = 'CLI_USAGE';
}

export const USAGE = `Usage: node dist/scripts/graph-simulator/cli.js [--port N] [--scenario FILE] [--public-url URL]

  --port N          port on 127.0.0.1 (default 0: a free one)
  --scenario FILE   scenario JSON (default scripts/graph-simulator/scenarios/basic.json)
  --public-url URL  origin to advertise in discovery documents and links ("{port}" is replaced)`;

export function parseCliArgs(argv: readonly string[]): CliOptions | 'help' {
  const options: CliOptions = { port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const [name, inline] = flag.startsWith('--') && flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new CliUsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--help':
      case '-h':
        return 'help';
      case '--port': {
        const raw = value();
        const port = Number(raw);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError(`--port "${raw}" is not a port number (0-65535), e.g. --port 4000`);
        options.port = port;
        break;
      }
      case '--scenario':
        options.scenarioPath = value();
        break;
      case '--public-url':
        options.publicUrl = value();
        break;
      default:
        throw new CliUsageError(`unknown flag "${flag}"`);
    }
  }
  return options;
}

/** basic.json next to this file when run from source, or in scripts/ when run from dist/. */
export function defaultScenarioPath(): string | undefined {
  const candidates = [new URL('./scenarios/basic.json', import.meta.url), new URL('../../../scripts/graph-simulator/scenarios/basic.json', import.meta.url)];
  const found = candidates.find((u) => existsSync(u));
  return found ? fileURLToPath(found) : undefined;
}

/** Starts the simulator the CLI describes and prints where it is. */
export async function startFromCli(options: CliOptions, print: (line: string) => void = console.log): Promise<RunningSimulator> {
  const scenarioPath = options.scenarioPath ? resolve(options.scenarioPath) : defaultScenarioPath();
  const scenario = scenarioPath ? await loadScenarioFile(scenarioPath) : undefined;
  const sim = await startGraphSimulator({
    port: options.port,
    ...(scenario ? { scenario } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  const s = sim.state.scenario;
  print(`Graph simulator listening on ${sim.url}`);
  print(`  scenario      ${scenarioPath ?? '(built-in default)'}`);
  print(`  authority     ${sim.authority}`);
  print(`  graph         ${sim.graphUrl}`);
  print(`  device login  ${sim.url}/devicelogin`);
  for (const c of s.clients) print(`  client        ${c.clientId} (${c.kind}${c.secret ? ', secret' : ''}${c.certificateThumbprint || c.certificatePem ? ', certificate' : ''})`);
  for (const u of s.users) print(`  user          ${u.upn}`);
  for (const r of s.rooms) print(`  room          ${r.email} (${r.displayName}, ${r.timeZone})`);
  print('Press Ctrl-C to stop.');
  return sim;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseCliArgs(argv);
  } catch (err) {
    if (err instanceof CliUsageError) {
      console.error(`graph-simulator: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  let sim: RunningSimulator;
  try {
    sim = await startFromCli(options);
  } catch (err) {
    if (err instanceof ScenarioError) {
      console.error(err.message);
      return 2;
    }
    console.error(`graph-simulator: could not start: ${(err as Error).message}`);
    return 1;
  }
  await new Promise<void>((done) => {
    const stop = (): void => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sim.close();
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
