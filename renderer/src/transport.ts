import { BRIDGE_GLOBAL, HTTP_ROUTES, SSE_STATE_EVENT, type LintelBridge, type RoomStateJson } from '../../src/api/contract.js';

export interface StateFeedHandlers {
  onState(state: RoomStateJson): void;
  onConnection(connected: boolean): void;
}

/** Electron IPC when the preload bridge is there. */
function viaBridge(bridge: LintelBridge, h: StateFeedHandlers): () => void {
  const stop = bridge.onState((state) => {
    h.onConnection(true);
    h.onState(state);
  });
  void bridge.getState().then((result) => {
    if (result.ok) h.onState(result.value);
    h.onConnection(result.ok);
  });
  return stop;
}

/** HTTP + server-sent events otherwise; EventSource reconnects by itself. */
function viaHttp(h: StateFeedHandlers): () => void {
  const source = new EventSource(HTTP_ROUTES.stream.replace(/^\//, ''));
  source.addEventListener(SSE_STATE_EVENT, (event) => {
    h.onConnection(true);
    h.onState(JSON.parse((event as MessageEvent<string>).data) as RoomStateJson);
  });
  source.addEventListener('error', () => h.onConnection(false));
  return () => source.close();
}

export function followState(h: StateFeedHandlers): () => void {
  const bridge = (window as unknown as Record<string, LintelBridge | undefined>)[BRIDGE_GLOBAL];
  return bridge ? viaBridge(bridge, h) : viaHttp(h);
}
