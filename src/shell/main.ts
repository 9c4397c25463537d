// Electron's main process: a thin window around the core, which runs in the `lintel` process.
import * as electron from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RoomStateJson } from '../api/contract.js';
import { followCoreState, postAction } from '../api/state-client.js';
import { startKiosk } from './kiosk.js';

const urlArg = process.argv.find((a) => a.startsWith('--lintel-url='));
const url = urlArg ? urlArg.slice('--lintel-url='.length) : 'http://127.0.0.1:8420/';
let latest: RoomStateJson | null = null;
const listeners = new Set<(state: RoomStateJson) => void>();
followCoreState(url, (state) => {
  latest = state;
  for (const listener of listeners) listener(state);
});

await startKiosk(electron, {
  url,
  preloadPath: join(dirname(fileURLToPath(import.meta.url)), 'preload.cjs'),
  latestState: () => latest,
  subscribe: (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  act: (request) => postAction(url, request),
});
