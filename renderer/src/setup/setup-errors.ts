import type { ApiError } from '../../../src/api/contract.js';

/** Error codes the page itself produces (the server's own codes come in `ApiError.code`). */
export const CLIENT_ERRORS = {
  /** No answer at all: network, timeout, the setup server gone. */
  unreachable: 'UNREACHABLE',
  /** An answer that is not an ApiResult (a captive portal, a proxy's error page). */
  badAnswer: 'BAD_ANSWER',
  /** The page itself cancelled the request (a newer search replaced it); never shown. */
  aborted: 'ABORTED',
} as const;

export const UNREACHABLE_MESSAGE = 'Can’t reach the display — is your phone on the same network?';

/**
 * How the page shows a refusal:
 * - blocked: the whole page becomes the explanation (nothing else can work with this token);
 * - code: the token is no good, so ask for the code shown on the display;
 * - inline: an error box next to what was tried, the rest of the page stays usable;
 * - ignore: nothing to show.
 */
export type ErrorPlacement = 'blocked' | 'code' | 'inline' | 'ignore';

export interface ShownError {
  placement: ErrorPlacement;
  code: string;
  /** A short heading in plain words. */
  title: string;
  /** What to do. */
  message: string;
  /**
   * The server's own sentence when the page words the advice itself: it knows the details (the
   * retry time of a lock-out, which code expired). Null when empty or already the message.
   */
  detail: string | null;
}

function serverSentence(error: ApiError, advice: string): string | null {
  const m = error.message.trim();
  return m === '' || m === advice ? null : m;
}

/** The server's sentence as the advice itself, or the page's own when the server gave none. */
function serverOr(error: ApiError, fallback: string): string {
  const m = error.message.trim();
  return m === '' ? fallback : m;
}

const SCAN_AGAIN = 'Scan the new QR code on the display, or type the new code shown under it.';

export function presentError(error: ApiError): ShownError {
  const code = error.code;
  switch (code) {
    case 'TOKEN_EXPIRED':
      return { placement: 'blocked', code, title: 'This code expired', message: SCAN_AGAIN, detail: serverSentence(error, SCAN_AGAIN) };
    case 'TOKEN_USED':
      return {
        placement: 'blocked',
        code,
        title: 'This setup link was already used',
        message: 'Each QR code works for one setup. ' + SCAN_AGAIN,
        detail: serverSentence(error, SCAN_AGAIN),
      };
    case 'LOCKED':
      // The server's sentence says until when; it is the one thing the admin needs here.
      return {
        placement: 'blocked',
        code,
        title: 'Too many wrong codes',
        message: serverOr(error, 'Setup is locked for a while. Wait, then scan the QR code on the display.'),
        detail: null,
      };
    case 'TOKEN_INVALID':
      return {
        placement: 'code',
        code,
        title: 'This code does not match the display',
        message: serverOr(error, 'Type the code shown on the display, or scan its QR code again.'),
        detail: null,
      };
    case CLIENT_ERRORS.unreachable:
      return { placement: 'inline', code, title: 'No connection', message: UNREACHABLE_MESSAGE, detail: null };
    case CLIENT_ERRORS.badAnswer:
      return {
        placement: 'inline',
        code,
        title: 'Unexpected answer',
        message: serverOr(error, 'Something between your phone and the display answered instead of it. Try again.'),
        detail: null,
      };
    case CLIENT_ERRORS.aborted:
      return { placement: 'ignore', code, title: '', message: '', detail: null };
    default:
      return {
        placement: 'inline',
        code,
        title: 'That did not work',
        message: serverOr(error, 'The display refused this without saying why. Try again.'),
        detail: null,
      };
  }
}
