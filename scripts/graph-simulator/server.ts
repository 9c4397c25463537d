// The loopback HTTP(S) server: reads each request, applies the injected faults (latency, 429, 503),
// hands it to the identity or Graph routes, and writes the answer with the headers real services send.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { takeFailure, takeLatency, type FailureRule } from './faults.js';
import { handleGraph } from './graph-routes.js';
import { graphError, jsonResponse, newRequestId, oauthError, type SimRequest, type SimResponse } from './http-io.js';
import { handleIdentity } from './identity-routes.js';
import { DEFAULT_SCENARIO, parseScenario, type ResolvedScenario, type Scenario } from './scenario.js';
import { SimulatorState } from './simulator-state.js';

export interface GraphSimulatorOptions {
  /** 0 (default) picks a free port. Always 127.0.0.1. */
  port?: number;
  /** Validated like a scenario file (throws ScenarioError); default: a small built-in tenant. */
  scenario?: Scenario | ResolvedScenario;
  /** Epoch ms; default Date.now. The scenario's clockOffsetMs is added on top. */
  clock?: () => number;
  /**
   * Origin written into discovery documents, issuers and @odata links, when clients reach the simulator
   * under another name — e.g. "https://127.0.0.1:PORT" for an MSAL networkClient that rewrites https to
   * http (MSAL insists on https authorities and checks the issuer's scheme and host). "{port}" is replaced.
   */
  publicUrl?: string;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface RunningSimulator {
  /** http(s)://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  /** `${publicUrl}/${tenantId}`: the authority to give MSAL. */
  authority: string;
  /** `${publicUrl}/v1.0`: the Graph base URL. */
  graphUrl: string;
  state: SimulatorState;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > MAX_BODY_BYTES) return undefined;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function throttled(req: SimRequest, rule: FailureRule, isGraph: boolean): SimResponse {
  const retryAfter = String(rule.retryAfterSeconds ?? 1);
  if (!isGraph) {
    const r = oauthError(req, 429, 'temporarily_unavailable', 50196, 'The server terminated an operation because it encountered a client request loop. Retry later.');
    return { ...r, headers: { ...r.headers, 'Retry-After': retryAfter } };
  }
  return graphError(req, 429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'Retry-After': retryAfter });
}

function unavailable(req: SimRequest, rule: FailureRule, isGraph: boolean): SimResponse {
  const retryAfter = String(rule.retryAfterSeconds ?? 1);
  if (!isGraph) {
    const r = oauthError(req, 503, 'temporarily_unavailable', 50000, 'There was an error issuing a token or an issue with our sign-in service.');
    return { ...r, headers: { ...r.headers, 'Retry-After': retryAfter } };
  }
  return graphError(req, 503, 'serviceNotAvailable', 'The service is temporarily unavailable. Try again later.', { 'Retry-After': retryAfter });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startGraphSimulator(options: GraphSimulatorOptions = {}): Promise<RunningSimulator> {
  const scenario = parseScenario(options.scenario ?? DEFAULT_SCENARIO, 'options.scenario');
  const state = new SimulatorState(scenario, options.clock ?? Date.now);
  let base = '';

  const route = (req: SimRequest): SimResponse => {
    if (/^\/v1\.0(\/|$)/i.test(req.path)) return handleGraph(req, state, base);
    const identity = handleIdentity(req, { state, base });
    if (identity) return identity;
    if (req.path === '/' && req.method === 'GET') {
      return jsonResponse(200, {
        name: 'Lintel Graph simulator',
        tenantId: state.tenantId,
        authority: `${base}/${state.tenantId}`,
        graph: `${base}/v1.0`,
        deviceLogin: `${base}/devicelogin`,
      });
    }
    return jsonResponse(404, { error: 'not_found', error_description: `The Graph simulator has nothing at ${req.method} ${req.path}.` });
  };

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const body = await readBody(incoming);
    const requestId = newRequestId();
    const clientRequestIdHeader = incoming.headers['client-request-id'];
    const url = new URL(incoming.url ?? '/', base);
    const req: SimRequest = {
      method: (incoming.method ?? 'GET').toUpperCase(),
      url,
      path: url.pathname,
      headers: incoming.headers,
      body: body ?? Buffer.alloc(0),
      requestId,
      clientRequestId: Array.isArray(clientRequestIdHeader) ? clientRequestIdHeader[0] : clientRequestIdHeader,
      now: state.now(),
    };
    const isGraph = /^\/v1\.0(\/|$)/i.test(req.path);
    let response: SimResponse;
    try {
      const delay = takeLatency(state.faults, req.path);
      if (delay > 0) await sleep(delay);
      req.now = state.now();
      const drop = takeFailure(state.faults, 'dropConnection', req.path, isGraph);
      if (drop) {
        if (drop.afterHandling) route(req);
        incoming.socket.destroy();
        return;
      }
      const throttle = takeFailure(state.faults, 'throttle', req.path, isGraph);
      const outage = throttle ? undefined : takeFailure(state.faults, 'unavailable', req.path, isGraph);
      if (!body) response = graphError(req, 413, 'RequestEntityTooLarge', 'The request body is larger than the simulator accepts (4 MiB).');
      else if (throttle) response = throttled(req, throttle, isGraph);
      else if (outage) response = unavailable(req, outage, isGraph);
      else response = route(req);
    } catch (err) {
      console.error('graph simulator: handler failed', err);
      response = graphError(req, 500, 'InternalServerError', `The Graph simulator failed: ${(err as Error).message}`);
    }
    const payload =
      response.json !== undefined ? Buffer.from(JSON.stringify(response.json)) : response.text !== undefined ? Buffer.from(response.text) : Buffer.alloc(0);
    const headers: Record<string, string> = {
      Date: new Date(state.now()).toUTCString(),
      'Cache-Control': 'no-cache',
      'request-id': requestId,
      'client-request-id': req.clientRequestId ?? requestId,
      ...(isGraph ? { 'x-ms-ags-diagnostic': JSON.stringify({ ServerInfo: { DataCenter: 'Simulator', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'LOOPBACK' } }), 'OData-Version': '4.0' } : {}),
      ...(payload.length > 0
        ? {
            'Content-Type':
              response.contentType ??
              (isGraph ? 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8' : 'application/json; charset=utf-8'),
          }
        : {}),
      'Content-Length': String(payload.length),
      ...response.headers,
    };
    outgoing.writeHead(response.status, headers);
    outgoing.end(req.method === 'HEAD' ? undefined : payload);
    state.stats.record({
      at: req.now,
      method: req.method,
      path: req.path,
      search: url.search,
      status: response.status,
      bytesSent: payload.length,
      ...(incoming.headers.prefer ? { prefer: String(incoming.headers.prefer) } : {}),
      ...(req.clientRequestId ? { clientRequestId: req.clientRequestId } : {}),
    });
  };

  const listener = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    handle(incoming, outgoing).catch((err: unknown) => {
      console.error('graph simulator: request failed', err);
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end();
    });
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createHttpServer(listener);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  base = (options.publicUrl ?? url).replace('{port}', String(port)).replace(/\/+$/, '');

  return {
    url,
    port,
    authority: `${base}/${state.tenantId}`,
    graphUrl: `${base}/v1.0`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.close();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
