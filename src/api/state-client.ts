import { get, request as httpRequest, type ClientRequest } from 'node:http';
import { HTTP_ROUTES, SSE_STATE_EVENT, type ActionRequest, type ActivityJson, type ApiResult, type RoomStateJson } from './contract.js';

/** Splits an SSE byte stream into (event, data) pairs. Fed chunk by chunk. */
export class SseParser {
  private buffer = '';

  constructor(private readonly onEvent: (event: string, data: string) => void) {}

  push(chunk: string): void {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) this.onEvent(event, data.join('\n'));
    }
  }
}

/**
 * Follows the core's state stream over loopback HTTP (used by the Electron shell, which relays
 * it over IPC), reconnecting after a pause when the core restarts. Returns a stop function.
 */
export function followCoreState(baseUrl: string, onState: (state: RoomStateJson) => void, retryMs = 2000): () => void {
  let stopped = false;
  let request: ClientRequest | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = (): void => {
    if (stopped) return;
    const parser = new SseParser((event, data) => {
      if (event === SSE_STATE_EVENT) onState(JSON.parse(data) as RoomStateJson);
    });
    request = get(new URL(HTTP_ROUTES.stream, baseUrl), (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => parser.push(chunk));
      res.on('end', scheduleRetry);
    });
    request.on('error', scheduleRetry);
  };
  const scheduleRetry = (): void => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect();
    }, retryMs);
  };
  connect();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    request?.destroy();
  };
}

/** The core is on this machine: an answer slower than this means it is stuck. */
export const POST_ACTION_TIMEOUT_MS = 15_000;

/** Refusals are kept small: the core's own refusal is a few hundred bytes. */
const MAX_ANSWER_BYTES = 64 * 1024;

function unreachable(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'UNREACHABLE', message } };
}

function asResult(body: string): ApiResult<ActivityJson> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || !('ok' in parsed)) return null;
  if (parsed.ok === true && 'value' in parsed) return parsed as ApiResult<ActivityJson>;
  if (parsed.ok === false && 'error' in parsed && typeof parsed.error === 'object' && parsed.error !== null) return parsed as ApiResult<ActivityJson>;
  return null;
}

/**
 * POSTs a door action to the core over loopback HTTP (the Electron shell relays the page's IPC
 * request this way). Never rejects: a core that is down, slow or answers nonsense comes back as
 * an `ok:false` the door can word; the core's own 4xx refusals come back as it wrote them.
 */
export function postAction(baseUrl: string, action: ActionRequest, timeoutMs = POST_ACTION_TIMEOUT_MS): Promise<ApiResult<ActivityJson>> {
  return new Promise((resolve) => {
    const body = JSON.stringify(action);
    const req = httpRequest(
      new URL(HTTP_ROUTES.act, baseUrl),
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs },
      (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.length > MAX_ANSWER_BYTES) req.destroy(new Error('answer too large'));
        });
        res.on('end', () => resolve(asResult(text) ?? unreachable(`The core answered HTTP ${res.statusCode ?? '?'} without a result.`)));
        res.on('error', () => resolve(unreachable('The core closed the connection mid-answer.')));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(unreachable('The core is not answering.')));
    req.end(body);
  });
}
