import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { normalize } from 'node:path';
import { SETUP_ROUTES, type ApiResult, type SetupDoneJson, type SetupStatusJson } from '../api/contract.js';
import { serveStatic } from '../api/http-server.js';
import { toIsoInZone } from '../domain/time.js';
import type { Clock } from '../util/clock.js';
import { LintelError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import type { PairingRecord } from './pairing-record.js';
import type { SetupFlow } from './setup-flow.js';
import type { SetupTokens } from './setup-tokens.js';

export interface SetupServerOptions {
  readonly tokens: SetupTokens;
  readonly flow: SetupFlow;
  /** Built renderer holding setup.html and its assets; null serves the API only. */
  readonly staticDir: string | null;
  readonly port: number;
  /** Default: every interface, so phones on the LAN reach it. */
  readonly host?: string;
  /** Names this device answers to (LAN addresses, hostname, loopback); the Host header must be one of them. */
  readonly hostNames: () => readonly string[];
  readonly deviceName: string;
  readonly address: () => string;
  readonly configPath: string;
  readonly reopened: boolean;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called after the confirm answer went out and the server closed. */
  readonly onPaired: (record: PairingRecord, done: SetupDoneJson) => void;
}

export interface RunningSetupServer {
  readonly port: number;
  close(): Promise<void>;
}

// A certificate with its key fits easily; anything bigger is not setup data.
const MAX_BODY_BYTES = 96 * 1024;

const STATUS_OF: Record<string, number> = {
  TOKEN_MISSING: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_USED: 410,
  LOCKED: 429,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  TOO_LARGE: 413,
  HOST_NOT_ALLOWED: 421,
  CROSS_ORIGIN: 403,
};


const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function send(res: ServerResponse, result: ApiResult<unknown>): void {
  const status = result.ok ? 200 : (STATUS_OF[result.error.code] ?? 409);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
  res.end(JSON.stringify(result));
}

const refusal = (code: string, message: string): ApiResult<never> => ({ ok: false, error: { code, message } });

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+([A-Za-z0-9_-]{16,128})$/.exec(req.headers.authorization ?? '');
  return m?.[1];
}

function readJson(req: IncomingMessage): Promise<ApiResult<unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(refusal('TOO_LARGE', `Setup data is at most ${MAX_BODY_BYTES / 1024} KB; a certificate file should be far smaller.`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      } catch {
        resolve(refusal('BAD_REQUEST', 'The request body is not JSON.'));
      }
    });
    req.on('error', () => resolve(refusal('BAD_REQUEST', 'The request was cut off.')));
  });
}

/**
 * The setup page's server on the LAN. Open only while the display is unpaired or setup was
 * re-opened; closed the moment a pairing is confirmed. Every API request carries the one-time
 * token; the Host header must name this device (DNS rebinding); POSTs must be JSON from the
 * page's own origin (CSRF). Secrets go in, never out.
 */
export function startSetupServer(o: SetupServerOptions): Promise<RunningSetupServer> {
  const sockets = new Set<Socket>();
  let boundPort = o.port;
  let closing = false;
  const staticRoot = o.staticDir === null ? null : normalize(o.staticDir);

  const hostAllowed = (host: string | undefined): boolean => {
    if (!host) return false;
    const wanted = host.toLowerCase();
    return o.hostNames().some((name) => `${name.toLowerCase()}:${boundPort}` === wanted || (boundPort === 80 && name.toLowerCase() === wanted));
  };

  const status = (): SetupStatusJson => {
    const shown = o.tokens.shown();
    return {
      deviceName: o.deviceName,
      address: o.address(),
      code: shown.code,
      expiresAt: toIsoInZone(shown.expiresAt, 'UTC'),
      reopened: o.reopened,
      defaults: o.flow.defaults(),
      signIn: o.flow.signInStatus(),
      checks: o.flow.checkStatus(),
    };
  };

  const serveFile = (res: ServerResponse, pathname: string): void => {
    if (staticRoot === null) send(res, refusal('NOT_FOUND', 'No such page. Open the address shown on the display.'));
    else serveStatic(staticRoot, pathname, res);
  };

  const refuse = (res: ServerResponse, result: ApiResult<never>, why: string): void => {
    // The code says what happened; the token itself never reaches the log.
    o.logger.warn({ event: 'setup.refused', code: result.ok ? 'OK' : result.error.code }, why);
    send(res, result);
  };

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.pathname;
    const post = req.method === 'POST';
    if (post) {
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json' || req.headers.origin !== `http://${req.headers.host ?? ''}`) {
        refuse(res, refusal('CROSS_ORIGIN', 'Setup requests must come from the setup page itself. Open the page from the QR code on the display.'), 'Cross-origin or non-JSON setup POST');
        return;
      }
    } else if (req.method !== 'GET') {
      send(res, refusal('BAD_REQUEST', `${req.method ?? '?'} is not supported here.`));
      return;
    }
    if (path === SETUP_ROUTES.code && post) {
      const body = await readJson(req);
      if (!body.ok) return send(res, body);
      const typed = typeof (body.value as { code?: unknown } | null)?.code === 'string' ? (body.value as { code: string }).code : '';
      const result = o.tokens.exchange(typed.slice(0, 32));
      if (!result.ok) return refuse(res, refusal(result.code, result.message), 'Wrong setup code typed');
      return send(res, { ok: true, value: { token: result.token } });
    }
    const verdict = o.tokens.check(bearer(req));
    if (!verdict.ok) return refuse(res, refusal(verdict.code, verdict.message), 'Setup request without a valid token');
    if (path === SETUP_ROUTES.status && !post) return send(res, { ok: true, value: status() });
    if (path === SETUP_ROUTES.rooms && !post) return send(res, await o.flow.roomList(url.searchParams.get('q') ?? ''));
    if (!post) return send(res, refusal('NOT_FOUND', `No such setup endpoint: ${path}`));
    const body = await readJson(req);
    if (!body.ok) return send(res, body);
    switch (path) {
      case SETUP_ROUTES.signIn: {
        const result = await o.flow.signIn(body.value);
        return send(res, result.ok ? { ok: true, value: status() } : result);
      }
      case SETUP_ROUTES.check: {
        const result = o.flow.check(body.value);
        return send(res, result.ok ? { ok: true, value: status() } : result);
      }
      case SETUP_ROUTES.confirm: {
        const result = o.flow.confirm(body.value, o.configPath);
        if (!result.ok) return send(res, result);
        o.tokens.consume();
        closing = true;
        res.once('finish', () => {
          void close().then(() => o.onPaired(result.value.record, result.value.done));
        });
        return send(res, { ok: true, value: result.value.done });
      }
      default:
        return send(res, refusal('NOT_FOUND', `No such setup endpoint: ${path}`));
    }
  };

  const server = createServer((req, res) => {
    if (!hostAllowed(req.headers.host)) {
      refuse(res, refusal('HOST_NOT_ALLOWED', "This setup page answers only to this display's own address. Open the address shown on the display."), 'Setup request with a foreign Host header');
      return;
    }
    if (closing) {
      send(res, refusal('TOKEN_USED', 'This display has just been paired; setup is closed.'));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://setup.invalid');
    if (url.pathname.startsWith('/setup/api/')) {
      void api(req, res, url).catch((err: unknown) => {
        o.logger.error({ event: 'setup.failed' }, `Setup request failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) send(res, refusal('SETUP_FAILED', 'Something went wrong on the display. Try again; if it repeats, run "lintel doctor" on it.'));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, refusal('BAD_REQUEST', `${req.method ?? '?'} is not supported here.`));
      return;
    }
    if (url.pathname === SETUP_ROUTES.page || url.pathname === '/') return serveFile(res, '/setup.html');
    if (url.pathname.startsWith('/assets/')) return serveFile(res, url.pathname);
    send(res, refusal('NOT_FOUND', 'No such page. Open the address shown on the display.'));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((done) => {
      o.tokens.close();
      server.close(() => done());
      // Give the confirm answer time to leave before the sockets go.
      setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, 50).unref();
    });
    return closed;
  };

  const host = o.host ?? '0.0.0.0';
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new LintelError('SETUP_PORT_IN_USE', `Port ${o.port} for the setup page is already in use. Stop the other program, or set "setup": { "port": <another port> } in the config.`, { cause: err })
          : err,
      );
    });
    server.listen(o.port, host, () => {
      boundPort = (server.address() as AddressInfo).port;
      o.logger.info({ event: 'setup.listening', host, port: boundPort }, 'Setup page listening on the LAN');
      resolve({ port: boundPort, close });
    });
  });
}
