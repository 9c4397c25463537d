// Request/response values the route handlers work with, and the two error dialects: Entra's OAuth
// errors ({"error":"invalid_client","error_codes":[...]}) and Graph's ({"error":{"code","message"}}).
import type { IncomingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';

export interface SimRequest {
  method: string;
  /** Full URL as the simulator advertises it (publicUrl origin + path + query). */
  url: URL;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** request-id of this response; echoed in error bodies like Graph does. */
  requestId: string;
  clientRequestId: string | undefined;
  /** The simulator's "now" when the request arrived. */
  now: number;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  contentType?: string;
}

export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function newRequestId(): string {
  return randomUUID();
}

export function jsonResponse(status: number, json: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, json, headers };
}

/** Graph's error envelope, innerError included (clients log its request-id for Microsoft support). */
export function graphError(req: SimRequest, status: number, code: string, message: string, headers: Record<string, string> = {}): SimResponse {
  return jsonResponse(
    status,
    {
      error: {
        code,
        message,
        innerError: {
          date: DateTime.fromMillis(req.now, { zone: 'UTC' }).toFormat("yyyy-LL-dd'T'HH:mm:ss"),
          'request-id': req.requestId,
          'client-request-id': req.clientRequestId ?? req.requestId,
        },
      },
    },
    headers,
  );
}

/** Entra's OAuth 2.0 error body: `error`, an AADSTS-prefixed description, numeric codes, trace ids. */
export function oauthError(req: SimRequest, status: number, error: string, aadsts: number, description: string): SimResponse {
  const timestamp = DateTime.fromMillis(req.now, { zone: 'UTC' }).toFormat("yyyy-LL-dd HH:mm:ss'Z'");
  const correlationId = req.clientRequestId ?? randomUUID();
  return jsonResponse(
    status,
    {
      error,
      error_description: `AADSTS${aadsts}: ${description}\r\nTrace ID: ${req.requestId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [aadsts],
      timestamp,
      trace_id: req.requestId,
      correlation_id: correlationId,
      error_uri: `${req.url.origin}/error?code=${aadsts}`,
    },
    { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' },
  );
}

export function formParams(req: SimRequest): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}

export type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; response: SimResponse };

export function jsonBody(req: SimRequest): JsonBody {
  const text = req.body.toString('utf8').trim();
  if (text === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // Falls through to Graph's own wording for unreadable payloads.
  }
  return { ok: false, response: graphError(req, 400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.') };
}

/** Parsed `Prefer` header: `odata.maxpagesize=10, outlook.timezone="UTC"` → {"odata.maxpagesize": "10", ...}. */
export function preferences(req: SimRequest): Map<string, string> {
  const raw = header(req, 'prefer') ?? '';
  const result = new Map<string, string>();
  for (const m of raw.matchAll(/([\w.-]+)\s*(?:=\s*("([^"]*)"|[^,;\s]*))?/g)) {
    const key = m[1];
    if (key) result.set(key.toLowerCase(), m[3] ?? m[2] ?? '');
  }
  return result;
}
