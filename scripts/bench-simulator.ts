// What the Graph rows of the bench share: the basic scenario, and a Lintel config for its room
// signed in with the scenario's app registration.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig, resolveConfig, type LintelConfig } from '../src/config/load-config.js';
import type { ConfigFile } from '../src/config/schema.js';
import { loadScenarioFile, type RunningSimulator } from './graph-simulator/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function basicScenario(): ReturnType<typeof loadScenarioFile> {
  return loadScenarioFile(join(ROOT, 'scripts/graph-simulator/scenarios/basic.json'));
}

export function simulatorRoomConfig(sim: RunningSimulator, extra: ConfigFile = {}): LintelConfig {
  const file = parseConfig(
    {
      ...extra,
      room: { email: 'aurora@contoso.com' },
      calendar: {
        source: 'graph',
        tenant: sim.state.tenantId,
        clientId: '11111111-2222-4333-8444-555555555555',
        auth: 'app-secret',
        clientSecret: 'lintel-simulator-secret~not-a-real-one',
        endpoints: { authority: sim.url, graph: sim.url },
      },
    },
    'bench',
  );
  return resolveConfig(file, null);
}
