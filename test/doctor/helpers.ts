import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigFile } from '../../src/config/schema.js';
import { formatReport } from '../../src/doctor/print-report.js';
import { exitCodeOf, type CheckId, type DoctorLine, type DoctorReport } from '../../src/doctor/report.js';
import { diagnose, type DoctorDeps } from '../../src/doctor/run-doctor.js';
import { silentLogger } from '../../src/util/logger.js';
import type { ManualClock } from '../helpers/manual-clock.js';

const made: string[] = [];

/** A fresh private folder, removed by cleanUp(). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lintel-doctor-test-'));
  made.push(dir);
  return dir;
}

export function cleanUp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeConfig(file: ConfigFile | Record<string, unknown>, dir = tempDir()): string {
  const path = join(dir, 'config.json');
  writeFileSync(path, JSON.stringify(file, null, 2));
  return path;
}

export interface Diagnosis {
  report: DoctorReport;
  text: string;
  exitCode: number;
  line(id: CheckId): DoctorLine;
}

/** Doctor on a config, with the test's clock, no environment and no colour. */
export async function runOn(file: ConfigFile | Record<string, unknown>, clock: ManualClock, extra: Partial<DoctorDeps> = {}): Promise<Diagnosis> {
  const report = await diagnose({ configFile: writeConfig(file), dataDir: tempDir(), logger: silentLogger(), clock, env: {}, ...extra });
  return {
    report,
    text: formatReport(report, { colour: false }),
    exitCode: exitCodeOf(report),
    line(id) {
      const found = report.lines.find((l) => l.id === id);
      if (!found) throw new Error(`no "${id}" line in:\n${formatReport(report, { colour: false })}`);
      return found;
    },
  };
}
