import { classifyHttp, classifyThrown, type Failure, type HttpAnswer } from './classify-error.js';

/** A failed Graph call, classified. Thrown by GraphHttp; the sync engine decides what to do. */
export class GraphFailure extends Error {
  constructor(readonly failure: Failure) {
    super(`${failure.kind} (${failure.code}): ${failure.advice}`);
    this.name = 'GraphFailure';
  }
}

export interface GraphHttpOptions {
  /** e.g. https://graph.microsoft.com/v1.0 (or a loopback simulator). */
  readonly baseUrl: string;
  readonly room: string;
  /** forceRefresh: the last token was refused with 401; ask the identity service for a new one. */
  readonly accessToken: (options?: { forceRefresh?: boolean }) => Promise<string>;
  /** Maps a URL to the one actually fetched (a loopback simulator speaks plain http). */
  readonly physicalUrl?: (url: string) => string;
  readonly now: () => number;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  /** Counts requests and bytes received, for the bench and doctor. */
  readonly onResponse?: (info: { url: string; status: number; bytes: number }) => void;
}

/**
 * Minimal Graph GET for sync: bearer token, UTC times, page size, a timeout, and every
 * failure classified. The token goes only to the configured Graph origin.
 */
export class GraphHttp {
  private readonly origin: string;

  constructor(private readonly o: GraphHttpOptions) {
    this.origin = new URL(o.baseUrl).origin;
  }

  /** `pathOrUrl`: a path under baseUrl, or a nextLink/deltaLink Graph returned (same origin only). */
  async getJson(pathOrUrl: string, pageSize = 50): Promise<unknown> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.o.baseUrl.replace(/\/$/, '')}${pathOrUrl}`;
    if (new URL(url).origin !== this.origin) {
      throw new GraphFailure({ kind: 'bad-request', code: 'FOREIGN_LINK', retryAfterMs: null, advice: `Graph returned a link to another host (${new URL(url).host}); refusing to send the token there.` });
    }
    let res = await this.send(url, pageSize, false);
    if (res.status === 401) {
      // Tokens can be revoked before they expire: one fresh token, then the 401 is classified.
      await res.body?.cancel();
      res = await this.send(url, pageSize, true);
    }
    const text = await res.text();
    this.o.onResponse?.({ url, status: res.status, bytes: Buffer.byteLength(text) });
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    if (!res.ok) {
      const answer: HttpAnswer = { status: res.status, body, header: (n) => res.headers.get(n) };
      throw new GraphFailure(classifyHttp(answer, this.o.room, this.o.now()));
    }
    return body;
  }

  private async send(url: string, pageSize: number, forceRefresh: boolean): Promise<Response> {
    const token = await this.o.accessToken({ forceRefresh });
    try {
      return await (this.o.fetch ?? fetch)(this.o.physicalUrl ? this.o.physicalUrl(url) : url, {
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          prefer: `outlook.timezone="UTC", odata.maxpagesize=${pageSize}`,
        },
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new GraphFailure(classifyThrown(err));
    }
  }
}
