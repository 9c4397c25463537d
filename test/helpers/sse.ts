import { get, type IncomingMessage } from 'node:http';
import { SseParser } from '../../src/api/state-client.js';
import type { RoomStateJson } from '../../src/api/contract.js';

/** Reads server-sent state events from a real HTTP connection. */
export class SseReader {
  readonly states: RoomStateJson[] = [];
  private waiters: (() => void)[] = [];
  private response: IncomingMessage | null = null;

  static open(url: string): Promise<SseReader> {
    const reader = new SseReader();
    return new Promise((resolve, reject) => {
      const req = get(url, (res) => {
        reader.response = res;
        const parser = new SseParser((event, data) => {
          if (event === 'state') reader.states.push(JSON.parse(data) as RoomStateJson);
          for (const w of reader.waiters.splice(0)) w();
        });
        res.setEncoding('utf8');
        res.on('data', (c: string) => parser.push(c));
        resolve(reader);
      });
      req.on('error', reject);
    });
  }

  headers(): IncomingMessage['headers'] {
    return this.response?.headers ?? {};
  }

  /** Resolves when at least `n` states have arrived. */
  async waitFor(n: number, timeoutMs = 3000): Promise<RoomStateJson> {
    const deadline = Date.now() + timeoutMs;
    while (this.states.length < n) {
      if (Date.now() > deadline) throw new Error(`only ${this.states.length} of ${n} states arrived`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.states[n - 1] as RoomStateJson;
  }

  close(): void {
    this.response?.destroy();
  }
}
