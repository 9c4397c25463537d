import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator } from '../../scripts/graph-simulator/index.js';
import type { ApiResult, SetupPromptJson } from '../../src/api/contract.js';
import { DisplaySupervisor } from '../../src/app/display-supervisor.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { ConfigFile } from '../../src/config/schema.js';
import { TENANT } from './graph-core.js';
import type { ManualClock } from './manual-clock.js';
import { memoryLogger } from './memory-logger.js';

export interface SetupAnswer<T = unknown> {
  status: number;
  body: ApiResult<T>;
  text: string;
}

export interface SetupCall {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** The setup token; omitted: none is sent. */
  token?: string | null;
  host?: string;
  /** Origin header of a POST; default the page's own. */
  origin?: string | null;
  contentType?: string;
}

/** One request to the LAN setup server where every header is the test's to choose. */
export function setupRequest<T = unknown>(port: number, path: string, c: SetupCall = {}): Promise<SetupAnswer<T>> {
  const host = c.host ?? `127.0.0.1:${port}`;
  const method = c.method ?? (c.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { host };
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  if (method === 'POST') {
    headers['content-type'] = c.contentType ?? 'application/json';
    if (c.origin !== null) headers.origin = c.origin ?? `http://${host}`;
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let body: ApiResult<T>;
        try {
          body = JSON.parse(text) as ApiResult<T>;
        } catch {
          body = { ok: false, error: { code: 'NOT_JSON', message: text.slice(0, 200) } };
        }
        resolve({ status: res.statusCode ?? 0, body, text });
      });
    });
    req.on('error', reject);
    if (c.body !== undefined) req.write(typeof c.body === 'string' ? c.body : JSON.stringify(c.body));
    req.end();
  });
}

export interface UnpairedDisplay {
  supervisor: DisplaySupervisor;
  dataDir: string;
  configPath: string;
  logLines: () => Record<string, unknown>[];
  prompt(): SetupPromptJson;
  /** The token in the QR code the door shows now. */
  token(): string;
  setupPort(): number;
  close(): Promise<void>;
}

/** A display with no room yet, whose setup page signs in against the simulator. */
export async function startUnpairedDisplay(o: { sim: RunningSimulator; clock: ManualClock; staticDir?: string | null; extra?: ConfigFile }): Promise<UnpairedDisplay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lintel-setup-'));
  const configPath = join(dataDir, 'config.json');
  const file: ConfigFile = { ...o.extra, setup: { port: 0, tenant: TENANT, endpoints: { authority: o.sim.url, graph: o.sim.url }, deviceName: 'lintel-test-door', ...o.extra?.setup } };
  writeFileSync(configPath, JSON.stringify(file));
  const memory = memoryLogger();
  const supervisor = new DisplaySupervisor({ loadConfig: () => loadConfig(configPath), configPath, dataDir, logger: memory.logger, clock: o.clock, staticDir: o.staticDir ?? null, port: 0, env: {}, graphHooks: { env: {} } });
  await supervisor.start();
  const prompt = (): SetupPromptJson => {
    const p = supervisor.current().hub.current().setup;
    if (!p) throw new Error('the door shows no setup prompt');
    return p;
  };
  return {
    supervisor,
    dataDir,
    configPath,
    logLines: memory.lines,
    prompt,
    token: () => new URL(prompt().url).hash.replace(/^#t=/, ''),
    setupPort: () => {
      const s = supervisor.setupSession();
      if (!s) throw new Error('setup is not open');
      return s.port;
    },
    close: () => supervisor.close(),
  };
}
