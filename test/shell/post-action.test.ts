import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HTTP_ROUTES, type ActionRequest } from '../../src/api/contract.js';
import { activityJson } from '../helpers/room-state-json.js';
import { postAction } from '../../src/api/state-client.js';

const ACTIVITY = activityJson({ transactionId: 't1' });
const REQUEST: ActionRequest = { kind: 'book', transactionId: 't1', end: '2026-11-23T12:20:00+01:00' };

let server: Server | null = null;
afterEach(async () => {
  const s = server;
  server = null;
  if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
});

/** A stand-in core on a free loopback port; returns its base URL. */
async function fakeCore(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}/`;
}

describe("the shell's relay of a door action to the core", () => {
  it('POSTs the request as JSON to the actions route and returns the answer', async () => {
    const seen: { method?: string; url?: string; type?: string; body?: unknown } = {};
    const base = await fakeCore((req, body, res) => {
      Object.assign(seen, { method: req.method, url: req.url, type: req.headers['content-type'], body: JSON.parse(body) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, value: ACTIVITY }));
    });
    expect(await postAction(base, REQUEST)).toEqual({ ok: true, value: ACTIVITY });
    expect(seen).toEqual({ method: 'POST', url: HTTP_ROUTES.act, type: 'application/json', body: REQUEST });
  });

  it("passes the core's 4xx refusal on as it was written", async () => {
    const refusal = { ok: false, error: { code: 'NOT_OFFERED', message: 'Booking is not offered now.' } };
    const base = await fakeCore((_req, _body, res) => res.writeHead(409, { 'content-type': 'application/json' }).end(JSON.stringify(refusal)));
    expect(await postAction(base, REQUEST)).toEqual(refusal);
  });

  it('answers UNREACHABLE, never throws, when the core is down, slow or speaks nonsense', async () => {
    const html = await fakeCore((_req, _body, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'));
    expect(await postAction(html, REQUEST)).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = null;
    expect(await postAction(html, REQUEST)).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
    const silent = await fakeCore(() => undefined);
    expect(await postAction(silent, REQUEST, 200)).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
  });
});
