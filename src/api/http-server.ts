import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { LintelError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import {
  ADMIN_SESSION_HEADER,
  HTTP_ROUTES,
  SSE_STATE_EVENT,
  type ActivityJson,
  type AdminCommandResultJson,
  type AdminSessionJson,
  type ApiResult,
  type DiagnosticsJson,
  type RoomStateJson,
} from './contract.js';

export interface StateFeed {
  current(): RoomStateJson;
  subscribe(listener: (state: RoomStateJson) => void): () => void;
}

/** The on-device admin screen: a PIN opens a short session; the session reads diagnostics and runs commands. */
export interface AdminApi {
  unlock(request: unknown): ApiResult<AdminSessionJson>;
  diagnostics(session: string | undefined): Promise<ApiResult<DiagnosticsJson>>;
  /** `afterAnswer` runs work once the answer has left (a restart closes this server). */
  command(session: string | undefined, request: unknown, afterAnswer: (work: () => void) => void): ApiResult<AdminCommandResultJson>;
}

export interface HttpServerOptions {
  readonly feed: StateFeed;
  /** Door actions (POST /api/v1/actions); absent: the route answers 404. The body is unchecked JSON. */
  readonly act?: (request: unknown) => ApiResult<ActivityJson>;
  /** Virtual buttons and motion; absent unless GPIO is simulated. */
  readonly simulate?: (request: unknown) => ApiResult<unknown>;
  /** The admin screen's routes; absent: they answer 404. */
  readonly admin?: AdminApi;
  readonly logger: Logger;
  /** Built renderer (index.html + assets); null serves the API only. */
  readonly staticDir: string | null;
  readonly port: number;
  readonly host?: string;
  readonly heartbeatMs?: number;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export interface RunningHttpServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  const body: ApiResult<never> = { ok: false, error: { code, message } };
  sendJson(res, status, body);
}

/**
 * DNS rebinding guard: a page from another site can make a browser send requests to
 * 127.0.0.1, but not with a Host header naming this machine's loopback.
 */
function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(hostHeader.toLowerCase());
}

/** Door actions are tiny; anything bigger is not one. */
const MAX_ACTION_BYTES = 4096;

/** HTTP status for a refusal: the screen shows the message either way. */
const REFUSAL_STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  OFFLINE: 503,
  SIGNED_OUT: 503,
  PIN_WRONG: 401,
  SESSION_INVALID: 401,
  LOCKED: 429,
  NO_PIN: 409,
};

/**
 * A page on some website can make the browser POST to 127.0.0.1 with our Host header. It cannot
 * send JSON without a CORS preflight (which we never approve), nor fake its Origin.
 */
function sameOriginJson(req: IncomingMessage, port: number): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const origin = req.headers.origin;
  return type === 'application/json' && (origin === undefined || hostAllowed(origin.replace(/^http:\/\//, ''), port));
}

function answer(res: ServerResponse, result: ApiResult<unknown>): void {
  sendJson(res, result.ok ? 200 : (REFUSAL_STATUS[result.error.code] ?? 409), result);
}

function postJson(req: IncomingMessage, res: ServerResponse, handler: (request: unknown) => ApiResult<unknown>, port: number): void {
  if (!sameOriginJson(req, port)) {
    fail(res, 403, 'FORBIDDEN', 'Send the action as application/json from this display (same origin).');
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_ACTION_BYTES) {
      fail(res, 413, 'TOO_LARGE', `An action is at most ${MAX_ACTION_BYTES} bytes.`);
      req.destroy();
    } else chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_ACTION_BYTES) return;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      fail(res, 400, 'BAD_REQUEST', 'The body is not JSON. Send {"kind":"book","transactionId":"<uuid>","end":"<time>"}.');
      return;
    }
    answer(res, handler(body));
  });
}

/** A file of the built renderer under `root` (never outside it), with the page's security headers. */
export function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const file = normalize(join(root, relative));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    fail(res, 404, 'NOT_FOUND', `No such page: ${pathname}`);
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  createReadStream(file).pipe(res);
}

function stream(req: IncomingMessage, res: ServerResponse, feed: StateFeed, heartbeatMs: number): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (state: RoomStateJson): void => {
    res.write(`event: ${SSE_STATE_EVENT}\ndata: ${JSON.stringify(state)}\n\n`);
  };
  res.write('retry: 2000\n\n');
  send(feed.current());
  const unsubscribe = feed.subscribe(send);
  // Comments keep proxies and idle-timeouts from closing a quiet stream.
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

/** The HTTP transport of the API contract, on loopback only. */
export function startHttpServer(o: HttpServerOptions): Promise<RunningHttpServer> {
  const host = o.host ?? '127.0.0.1';
  const heartbeatMs = o.heartbeatMs ?? 25_000;
  const staticRoot = o.staticDir === null ? null : normalize(o.staticDir);
  const sockets = new Set<Socket>();
  let boundPort = o.port;

  const server = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, boundPort)) {
      fail(res, 421, 'HOST_NOT_ALLOWED', 'This server answers only to 127.0.0.1, localhost or [::1] with its own port.');
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const session = (): string | undefined => {
      const value = req.headers[ADMIN_SESSION_HEADER];
      return typeof value === 'string' ? value : undefined;
    };
    const admin = o.admin;
    const adminPost =
      admin && pathname === HTTP_ROUTES.adminUnlock
        ? (body: unknown) => admin.unlock(body)
        : admin && pathname === HTTP_ROUTES.adminCommand
          ? (body: unknown) => admin.command(session(), body, (work) => res.once('finish', work))
          : undefined;
    const post = pathname === HTTP_ROUTES.act ? o.act : pathname === HTTP_ROUTES.simulate ? o.simulate : adminPost;
    if (post) {
      if (req.method === 'POST') postJson(req, res, post, boundPort);
      else {
        res.setHeader('allow', 'POST');
        fail(res, 405, 'METHOD_NOT_ALLOWED', `${req.method ?? '?'} is not supported here; POST JSON.`);
      }
      return;
    }
    if (pathname === HTTP_ROUTES.simulate) {
      fail(res, 404, 'NOT_SIMULATED', 'Virtual buttons and motion exist only while GPIO is simulated ("gpio": { "driver": "simulated" }).');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      fail(res, 405, 'METHOD_NOT_ALLOWED', `${req.method ?? '?'} is not supported here; use GET.`);
      return;
    }
    switch (pathname) {
      case HTTP_ROUTES.health:
        sendJson(res, 200, { ok: true, value: { status: 'ok' } });
        return;
      case HTTP_ROUTES.state:
        sendJson(res, 200, { ok: true, value: o.feed.current() } satisfies ApiResult<RoomStateJson>);
        return;
      case HTTP_ROUTES.stream:
        stream(req, res, o.feed, heartbeatMs);
        return;
      case HTTP_ROUTES.adminDiagnostics:
        if (admin) {
          void admin.diagnostics(session()).then((result) => answer(res, result), (err: unknown) => fail(res, 500, 'DIAGNOSTICS_FAILED', `Diagnostics failed: ${String(err)}`));
          return;
        }
        fail(res, 404, 'NOT_FOUND', `No such endpoint: ${pathname}`);
        return;
      default:
        if (staticRoot !== null && !pathname.startsWith('/api/')) serveStatic(staticRoot, pathname, res);
        else fail(res, 404, 'NOT_FOUND', `No such endpoint: ${pathname}`);
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new LintelError(
            'PORT_IN_USE',
            `Port ${o.port} on ${host} is already in use (is another Lintel running?). Stop that program, or start with --port <another port>.`,
            { cause: err },
          ),
        );
      } else reject(err);
    });
    server.listen(o.port, host, () => {
      boundPort = (server.address() as AddressInfo).port;
      o.logger.info({ event: 'http.listening', host, port: boundPort }, 'HTTP API listening');
      resolve({
        server,
        port: boundPort,
        url: `http://${host}:${boundPort}/`,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
