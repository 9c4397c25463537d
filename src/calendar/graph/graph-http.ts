import { Client, ResponseType, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { loopbackTransport, type LoopbackTransport } from '../../auth/loopback-transport.js';
import { classifyHttp, classifyThrown, type HttpAnswer } from './classify-error.js';
import { GraphFailure } from './graph-failure.js';

/** Re-exported: callers that already use GraphHttp need not know where it lives. */
export { GraphFailure };

export interface GraphHttpOptions {
  /** e.g. https://graph.microsoft.com/v1.0, or http://127.0.0.1:PORT/v1.0 for a simulator. */
  readonly baseUrl: string;
  readonly room: string;
  /** forceRefresh: the last token was refused with 401; ask the identity service for a new one. */
  readonly accessToken: (options?: { forceRefresh?: boolean }) => Promise<string>;
  readonly now: () => number;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  /** Counts requests and bytes received, for the bench and doctor. */
  readonly onResponse?: (info: { url: string; status: number; bytes: number }) => void;
}

/**
 * The Graph SDK's last link: sends the request it built with our token, to the physical URL,
 * with a timeout, renewing a refused token once. The SDK turns any throw into a GraphError,
 * so a failure is parked here and rethrown, classified, by GraphHttp.
 */
class TransportMiddleware implements Middleware {
  failure: GraphFailure | null = null;

  constructor(private readonly send: (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<Response>) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const headers: Record<string, string> = {};
    new Headers(context.options?.headers as ConstructorParameters<typeof Headers>[0]).forEach((value, name) => {
      headers[name] = value;
    });
    const body = context.options?.body;
    try {
      context.response = await this.send(url, { method: context.options?.method ?? 'GET', headers, ...(typeof body === 'string' ? { body } : {}) });
    } catch (err) {
      this.failure = err instanceof GraphFailure ? err : new GraphFailure(classifyThrown(err));
      throw this.failure;
    }
  }
}

/**
 * Graph GET for sync through the Microsoft Graph SDK: bearer token, UTC times, page size, a
 * timeout, and every failure classified. The token goes only to the configured Graph origin.
 * Requests are logically https (the SDK knows no other scheme); a loopback simulator configured
 * as http is reached over http by the transport alone.
 */
export class GraphHttp {
  private readonly origin: string;
  private readonly baseUrl: string;
  private readonly transport: LoopbackTransport;

  constructor(private readonly o: GraphHttpOptions) {
    this.transport = loopbackTransport([new URL(o.baseUrl).origin]);
    this.baseUrl = this.transport.logical(o.baseUrl);
    this.origin = new URL(this.baseUrl).origin;
  }

  /** `pathOrUrl`: a path under baseUrl, or a nextLink/deltaLink Graph returned (same origin only). */
  getJson(pathOrUrl: string, pageSize = 50): Promise<unknown> {
    return this.request('GET', pathOrUrl, { prefer: `outlook.timezone="UTC", odata.maxpagesize=${pageSize}` });
  }

  /** A write: JSON body in, parsed JSON (or null for 202/204) out; failures classified like reads. */
  send(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: Record<string, unknown>): Promise<unknown> {
    return this.request(method, path, { prefer: 'outlook.timezone="UTC"' }, body);
  }

  private async request(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', pathOrUrl: string, headers: Record<string, string>, body?: Record<string, unknown>): Promise<unknown> {
    const url = this.transport.logical(pathOrUrl.startsWith('http') ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`);
    if (new URL(url).origin !== this.origin) {
      throw new GraphFailure({ kind: 'bad-request', code: 'FOREIGN_LINK', retryAfterMs: null, advice: `Graph returned a link to another host (${new URL(url).host}); refusing to send the token there.` });
    }
    const transport = new TransportMiddleware((target, init) => this.sendWithRetry(target, init));
    const client = Client.initWithMiddleware({ middleware: transport, customHosts: new Set([new URL(url).host]) });
    let req = client.api(url).header('accept', 'application/json').responseType(ResponseType.RAW);
    for (const [name, value] of Object.entries(headers)) req = req.header(name, value);
    let res: Response;
    try {
      res = (await (method === 'GET' ? req.get() : method === 'POST' ? req.post(body ?? {}) : method === 'PATCH' ? req.patch(body ?? {}) : req.delete())) as Response;
    } catch (err) {
      throw transport.failure ?? new GraphFailure(classifyThrown(err));
    }
    const text = await res.text();
    this.o.onResponse?.({ url, status: res.status, bytes: Buffer.byteLength(text) });
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    if (!res.ok) {
      const answer: HttpAnswer = { status: res.status, body: parsed, header: (n) => res.headers.get(n) };
      throw new GraphFailure(classifyHttp(answer, this.o.room, this.o.now()));
    }
    return parsed;
  }

  private async sendWithRetry(url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Response> {
    let res = await this.fetchOnce(url, init, false);
    if (res.status === 401) {
      // Tokens can be revoked before they expire: one fresh token, then the 401 is classified.
      await res.body?.cancel();
      res = await this.fetchOnce(url, init, true);
    }
    return res;
  }

  private async fetchOnce(url: string, init: { method: string; headers: Record<string, string>; body?: string }, forceRefresh: boolean): Promise<Response> {
    const token = await this.o.accessToken({ forceRefresh });
    try {
      return await (this.o.fetch ?? fetch)(this.transport.physical(url), {
        method: init.method,
        ...(init.body !== undefined ? { body: init.body } : {}),
        headers: { ...init.headers, authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new GraphFailure(classifyThrown(err));
    }
  }
}
