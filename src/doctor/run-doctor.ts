import { getuid } from 'node:process';
import type { ObservedResponse } from '../auth/network-client.js';
import { systemClock, type Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { graphChecks } from './graph-checks.js';
import { checkCalendarSource, checkConfig, checkDataDir } from './local-checks.js';
import { formatReport } from './print-report.js';
import { exitCodeOf, makeReport, type DoctorReport } from './report.js';

export interface DoctorDeps {
  /** The config file `lintel start` would use (null: none, the built-in demo room). */
  readonly configFile: string | null;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly env?: NodeJS.ProcessEnv;
  /** For the clock probe only. */
  readonly fetch?: typeof fetch;
  /** The user doctor runs as, to notice a data folder that belongs to someone else; null where unknown. */
  readonly uid?: number | null;
  readonly onIdentityResponse?: (r: ObservedResponse) => void;
  readonly onGraphResponse?: (info: { url: string; status: number; bytes: number }) => void;
}

/** Runs every check that applies to this config and returns the findings; prints nothing. */
export async function diagnose(d: DoctorDeps): Promise<DoctorReport> {
  const { line: configLine, config } = checkConfig(d.configFile);
  const dataDirLine = checkDataDir(d.dataDir, d.uid === undefined ? (getuid?.() ?? null) : d.uid);
  if (config === null) {
    return makeReport([configLine, dataDirLine], [{ id: 'calendar', title: 'the calendar connection', because: 'the config is not valid' }]);
  }
  const local = [configLine, dataDirLine, checkCalendarSource(config)];
  if (config.calendar.source !== 'graph') return makeReport(local);
  const graph = await graphChecks({
    config,
    connection: config.calendar,
    dataDir: d.dataDir,
    logger: d.logger,
    clock: d.clock ?? systemClock,
    env: d.env ?? process.env,
    fetch: d.fetch ?? fetch,
    ...(d.onIdentityResponse ? { onIdentityResponse: d.onIdentityResponse } : {}),
    ...(d.onGraphResponse ? { onGraphResponse: d.onGraphResponse } : {}),
  });
  return makeReport([...local, ...graph.lines], graph.skipped);
}

export interface DoctorOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** `lintel doctor`: checks, prints the report and returns the exit code (0 fine, 1 a check failed, 2 bad config). */
export async function runDoctor(d: DoctorDeps & { readonly out: DoctorOutput }): Promise<number> {
  const env = d.env ?? process.env;
  d.out.write(`Lintel doctor: config ${d.configFile ?? '(none)'}, data folder ${d.dataDir}\n\n`);
  const report = await diagnose(d);
  // NO_COLOR (no-color.org): a terminal user's standing request for plain text.
  d.out.write(formatReport(report, { colour: d.out.isTTY === true && !env.NO_COLOR }));
  return exitCodeOf(report);
}
