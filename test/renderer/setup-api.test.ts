import { describe, expect, it } from 'vitest';
import { SETUP_ROUTES } from '../../src/api/contract.js';
import { createSetupApi, isApiResult, roomsUrl } from '../../renderer/src/setup/setup-api.js';
import { CLIENT_ERRORS, UNREACHABLE_MESSAGE } from '../../renderer/src/setup/setup-errors.js';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

/** A fetch that records what the page sends and answers from a script: the network edge, faked. */
function fakeFetch(answer: (sent: Sent, signal: AbortSignal) => Promise<Response> | Response) {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const s: Sent = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? init.body : null,
    };
    sent.push(s);
    return answer(s, init?.signal ?? new AbortController().signal);
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the setup API client', () => {
  it('sends the bearer token on every call, and JSON on POSTs, to same-origin paths', async () => {
    const f = fakeFetch(() => json({ ok: true, value: {} }));
    const api = createSetupApi({ token: () => 'tok', fetch: f.fetch });
    await api.status();
    await api.check({ roomEmail: 'r@contoso.com' });
    expect(f.sent[0]).toMatchObject({ url: SETUP_ROUTES.status, method: 'GET', body: null });
    expect(f.sent[0]?.headers.authorization).toBe('Bearer tok');
    expect(f.sent[0]?.headers['content-type']).toBeUndefined();
    expect(f.sent[1]).toMatchObject({ url: SETUP_ROUTES.check, method: 'POST', body: '{"roomEmail":"r@contoso.com"}' });
    expect(f.sent[1]?.headers).toMatchObject({ authorization: 'Bearer tok', 'content-type': 'application/json' });
  });

  it('reads the token per request, and sends none with the code exchange', async () => {
    let token: string | null = null;
    const f = fakeFetch(() => json({ ok: true, value: { token: 'new' } }));
    const api = createSetupApi({ token: () => token, fetch: f.fetch });
    const answer = await api.exchangeCode({ code: 'K7QM-2XHD' });
    expect(answer).toEqual({ ok: true, value: { token: 'new' } });
    expect(f.sent[0]?.url).toBe(SETUP_ROUTES.code);
    expect(f.sent[0]?.headers.authorization).toBeUndefined();
    token = 'new';
    await api.signIn({ mode: 'delegated', tenant: 'contoso.onmicrosoft.com', clientId: 'x' });
    expect(f.sent[1]?.headers.authorization).toBe('Bearer new');
  });

  it('puts the search text in the query string', () => {
    expect(roomsUrl('')).toBe(`${SETUP_ROUTES.rooms}?q=`);
    expect(roomsUrl(' 4B & co ')).toBe(`${SETUP_ROUTES.rooms}?q=4B+%26+co`);
  });

  it('passes a refusal through as the server worded it, whatever the HTTP status', async () => {
    const f = fakeFetch(() => json({ ok: false, error: { code: 'TOKEN_EXPIRED', message: 'Expired.' } }, 401));
    const api = createSetupApi({ token: () => 't', fetch: f.fetch });
    expect(await api.status()).toEqual({ ok: false, error: { code: 'TOKEN_EXPIRED', message: 'Expired.' } });
  });

  it('answers UNREACHABLE when the network fails', async () => {
    const f = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const api = createSetupApi({ token: () => 't', fetch: f.fetch });
    expect(await api.status()).toEqual({ ok: false, error: { code: CLIENT_ERRORS.unreachable, message: UNREACHABLE_MESSAGE } });
  });

  it('answers UNREACHABLE when the display does not answer in time', async () => {
    const f = fakeFetch(
      (_sent, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const api = createSetupApi({ token: () => 't', fetch: f.fetch, timeoutMs: 20 });
    const answer = await api.status();
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe(CLIENT_ERRORS.unreachable);
  });

  it('answers ABORTED when the page cancelled the request itself', async () => {
    const f = fakeFetch(
      (_sent, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const api = createSetupApi({ token: () => 't', fetch: f.fetch });
    const controller = new AbortController();
    const pending = api.rooms('4B', controller.signal);
    controller.abort();
    const answer = await pending;
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe(CLIENT_ERRORS.aborted);
  });

  it('does not take a stranger’s page for an answer', async () => {
    const f = fakeFetch(() => new Response('<html>Sign in to the Wi-Fi</html>', { status: 200 }));
    const api = createSetupApi({ token: () => 't', fetch: f.fetch });
    const answer = await api.status();
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error).toMatchObject({ code: CLIENT_ERRORS.badAnswer, message: expect.stringContaining('HTTP 200') });
  });

  it('knows an ApiResult when it sees one', () => {
    expect(isApiResult({ ok: true, value: null })).toBe(true);
    expect(isApiResult({ ok: false, error: { code: 'X', message: 'y' } })).toBe(true);
    expect(isApiResult({ ok: false, error: { code: 'X' } })).toBe(false);
    expect(isApiResult({ ok: true })).toBe(false);
    expect(isApiResult('ok')).toBe(false);
  });
});
