import { describe, expect, it } from 'vitest';
import { classifyHttp, classifyThrown, parseRetryAfter, retryDelayMs, type HttpAnswer } from '../../../src/calendar/graph/classify-error.js';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const ROOM = 'aurora@contoso.com';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): HttpAnswer {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, body, header: (name) => lower[name.toLowerCase()] ?? null };
}

describe('classifyHttp', () => {
  it.each([
    [429, { error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } }, { 'Retry-After': '7' }, 'throttled', 7000],
    [503, { error: { code: 'ServiceUnavailable', message: '' } }, { 'Retry-After': '3' }, 'throttled', 3000],
    [503, { error: { code: 'ServiceUnavailable', message: '' } }, {}, 'server', null],
    [504, {}, {}, 'server', null],
    [401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' } }, {}, 'auth', null],
    [401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' }, {}, 'auth', null],
    [403, { error: { code: 'ErrorAccessDenied', message: 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.' } }, {}, 'scoped-out', null],
    [403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }, {}, 'consent-missing', null],
    [400, { error: 'invalid_grant', error_description: 'AADSTS65001: The user or administrator has not consented to use the application.' }, {}, 'consent-missing', null],
    [404, { error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } }, {}, 'not-found', null],
    [404, { error: { code: 'MailboxNotEnabledForRESTAPI', message: 'REST API is not yet supported for this mailbox.' } }, {}, 'not-found', null],
    [410, { error: { code: 'SyncStateNotFound', message: 'The sync state generation is not found.' } }, {}, 'sync-reset', null],
    [400, { error: { code: 'ErrorInvalidRequest', message: 'resyncRequired' } }, {}, 'sync-reset', null],
    [400, { error: { code: 'BadRequest', message: "Parsing OData Select and Expand failed" } }, {}, 'bad-request', null],
  ] as const)('%i %j → %s', (status, body, headers, kind, retryAfterMs) => {
    const failure = classifyHttp(answer(status, body, headers), ROOM, NOW);
    expect(failure.kind).toBe(kind);
    expect(failure.retryAfterMs).toBe(retryAfterMs);
    expect(failure.advice.length).toBeGreaterThan(20);
  });

  it('tells the admin what to change for a scoped-out or unknown room, naming it', () => {
    expect(classifyHttp(answer(403, { error: { code: 'ErrorAccessDenied', message: 'Access to OData is disabled.' } }), ROOM, NOW).advice).toMatch(/application access policy.*aurora@contoso\.com/);
    expect(classifyHttp(answer(404, { error: { code: 'ErrorInvalidUser', message: '' } }), ROOM, NOW).advice).toContain(ROOM);
  });

  it('survives bodies that are not Graph errors', () => {
    expect(classifyHttp(answer(500, '<html>gateway</html>'), ROOM, NOW)).toMatchObject({ kind: 'server', code: 'HTTP_500' });
    expect(classifyHttp(answer(418, null), ROOM, NOW)).toMatchObject({ kind: 'bad-request' });
  });
});

describe('classifyThrown', () => {
  it('recognises network failures, including fetch’s wrapped causes', () => {
    expect(classifyThrown(Object.assign(new Error('getaddrinfo ENOTFOUND graph.microsoft.com'), { code: 'ENOTFOUND' })).kind).toBe('network');
    expect(classifyThrown(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) })).kind).toBe('network');
    expect(classifyThrown(new DOMException('timed out', 'TimeoutError')).kind).toBe('network');
    expect(classifyThrown(new RangeError('oops')).kind).toBe('bad-request');
  });
});

describe('backoff', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });

  it('grows exponentially with jitter, is capped, and never undercuts Retry-After', () => {
    expect(retryDelayMs(1, { retryAfterMs: null }, 0)).toBe(1000);
    expect(retryDelayMs(1, { retryAfterMs: null }, 0.999)).toBe(1999);
    expect(retryDelayMs(3, { retryAfterMs: null }, 0)).toBe(4000);
    expect(retryDelayMs(30, { retryAfterMs: null }, 0.999)).toBeLessThanOrEqual(300_000);
    expect(retryDelayMs(30, { retryAfterMs: null }, 0)).toBe(150_000);
    expect(retryDelayMs(1, { retryAfterMs: 45_000 }, 0.5)).toBe(45_000);
  });
});
