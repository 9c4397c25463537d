import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { IdentityAnswer } from './classify-auth-error.js';
import type { LoopbackTransport } from './loopback-transport.js';
import { parseRetryAfter } from '../calendar/graph/classify-error.js';

export interface ObservedResponse {
  readonly url: string;
  readonly status: number;
  /** The server's Date header as epoch ms, for clock-skew checks; null when absent. */
  readonly serverDate: number | null;
  readonly receivedAt: number;
}

/**
 * MSAL's HTTP, on fetch: lets the transport reach a loopback simulator, bounds every call with a
 * timeout, and reports each answer's Date header (tokens are refused when the clock is off).
 */
export class FetchNetworkClient implements INetworkModule {
  /** The identity service's last error answer: MSAL sometimes reports only a generic error code. */
  lastError: IdentityAnswer | null = null;

  constructor(
    private readonly transport: LoopbackTransport,
    private readonly now: () => number,
    private readonly onResponse?: (r: ObservedResponse) => void,
    private readonly timeoutMs = 30_000,
  ) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(method: string, url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const res = await fetch(this.transport.physical(url), {
      method,
      headers: options?.headers ?? {},
      ...(options?.body !== undefined ? { body: options.body } : {}),
      signal: AbortSignal.timeout(timeout ?? this.timeoutMs),
    });
    const text = await res.text();
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const date = res.headers.get('date');
    const parsedDate = date ? Date.parse(date) : Number.NaN;
    this.onResponse?.({ url, status: res.status, serverDate: Number.isNaN(parsedDate) ? null : parsedDate, receivedAt: this.now() });
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // MSAL reads error fields off the body; a non-JSON answer (a proxy's HTML page) becomes one.
      body = { error: 'non_json_response', error_description: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    }
    if (res.status >= 400) this.lastError = identityAnswer(res.status, body, res.headers.get('retry-after'), this.now());
    return { headers, body: body as T, status: res.status };
  }
}

function identityAnswer(status: number, body: unknown, retryAfter: string | null, now: number): IdentityAnswer {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { error?: unknown; error_description?: unknown; error_codes?: unknown };
  return {
    status,
    error: typeof b.error === 'string' ? b.error : '',
    description: typeof b.error_description === 'string' ? b.error_description : '',
    codes: Array.isArray(b.error_codes) ? b.error_codes.filter((c): c is number => typeof c === 'number') : [],
    retryAfterMs: parseRetryAfter(retryAfter, now),
  };
}
