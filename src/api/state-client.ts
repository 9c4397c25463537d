import { get, type ClientRequest } from 'node:http';
import { HTTP_ROUTES, SSE_STATE_EVENT, type RoomStateJson } from './contract.js';

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
