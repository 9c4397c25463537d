import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type RunningCore } from '../../src/app/start-core.js';
import type { CalendarSource } from '../../src/calendar/source.js';
import { resolveConfig, type LintelConfig } from '../../src/config/load-config.js';
import type { ConfigFile } from '../../src/config/schema.js';
import { silentLogger, type Logger } from '../../src/util/logger.js';
import { ManualClock } from './manual-clock.js';

export interface TestCore {
  core: RunningCore;
  clock: ManualClock;
  config: LintelConfig;
  dataDir: string;
  close(): Promise<void>;
}

/** A real core (store on disk, HTTP on a free loopback port) driven by a manual clock. */
export async function startTestCore(o: {
  now: number;
  config?: ConfigFile;
  source?: CalendarSource;
  staticDir?: string | null;
  logger?: Logger;
}): Promise<TestCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lintel-core-'));
  const clock = new ManualClock(o.now);
  const config = resolveConfig({ room: { timeZone: 'Europe/Berlin' }, ...o.config }, null);
  const core = await startCore({
    config,
    dataDir,
    clock,
    logger: o.logger ?? silentLogger(),
    staticDir: o.staticDir ?? null,
    port: 0,
    ...(o.source ? { source: o.source } : {}),
  });
  return {
    core,
    clock,
    config,
    dataDir,
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
