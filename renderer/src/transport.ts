import {
  BRIDGE_GLOBAL,
  HTTP_ROUTES,
  SSE_STATE_EVENT,
  type ActionRequest,
  type ActivityJson,
  type ApiResult,
  type LintelBridge,
  type RoomStateJson,
} from '../../src/api/contract.js';

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

function bridge(): LintelBridge | undefined {
  return (window as unknown as Record<string, LintelBridge | undefined>)[BRIDGE_GLOBAL];
}

export function followState(h: StateFeedHandlers): () => void {
  const b = bridge();
  return b ? viaBridge(b, h) : viaHttp(h);
}

/** The core is on this machine: an answer slower than this means it is stuck, and the door should say so. */
export const ACT_TIMEOUT_MS = 15_000;

const UNREACHABLE: ApiResult<never> = {
  ok: false,
  error: { code: 'UNREACHABLE', message: 'The display is not answering. Please try again.' },
};

function isApiResult(v: unknown): v is ApiResult<ActivityJson> {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  return v.ok === true ? 'value' in v : v.ok === false && 'error' in v && typeof v.error === 'object' && v.error !== null;
}

async function postAction(request: ActionRequest): Promise<ApiResult<ActivityJson>> {
  const response = await fetch(HTTP_ROUTES.act.replace(/^\//, ''), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
    signal: AbortSignal.timeout(ACT_TIMEOUT_MS),
  });
  // A 4xx carries the core's refusal in the same shape; anything else (a proxy's HTML page) is not an answer.
  const body: unknown = await response.json().catch(() => null);
  return isApiResult(body) ? body : UNREACHABLE;
}

function withTimeout<T>(promise: Promise<T>, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => resolve(fallback), ACT_TIMEOUT_MS);
    void promise.then(
      (v) => resolve(v),
      () => resolve(fallback),
    ).finally(() => window.clearTimeout(timer));
  });
}

/**
 * Sends a touch at the door to the core. Never rejects: every way it can go wrong comes back as
 * an `ok:false` the banner can word.
 */
export function act(request: ActionRequest): Promise<ApiResult<ActivityJson>> {
  const b = bridge();
  return withTimeout(b ? b.act(request) : postAction(request), UNREACHABLE);
}
