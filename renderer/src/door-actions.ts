import type {
  ActionKind,
  ActionRequest,
  ActivityJson,
  ActivityPhase,
  ApiError,
  ApiResult,
  BookingOptionJson,
  RoomStateJson,
} from '../../src/api/contract.js';

/** The booking name field's limit: it ends up in a subject read from across a corridor. */
export const NAME_MAX = 40;

/** How many activity entries the door shows at once; older ones wait until these are dismissed. */
export const ACTIVITY_SHOWN = 2;

/** A refusal the core never recorded lives only on this screen; it must not stay on the door for ever. */
export const REFUSAL_SHOWN_MS = 2 * 60_000;

/** An accepted action the state has not listed by then is left to the state (the core may have dropped it). */
export const ANSWER_SHOWN_MS = 15_000;

/**
 * The name typed at the door, made safe to send: control and bidi-override characters removed
 * (someone could otherwise reorder the subject other screens show), spaces collapsed, capped.
 * Empty means "no name".
 */
export function cleanName(raw: string): string {
  const plain = raw
    .replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(plain).slice(0, NAME_MAX).join('').trim();
}

export function bookRequest(option: BookingOptionJson, name: string, transactionId: string): ActionRequest {
  const cleaned = cleanName(name);
  return cleaned ? { kind: 'book', transactionId, end: option.end, name: cleaned } : { kind: 'book', transactionId, end: option.end };
}

/**
 * A touch the core has not answered yet, or answered without its activity having reached the
 * screen through the state stream. It is the touch's own immediate feedback.
 */
export interface LocalAction {
  readonly transactionId: string;
  readonly kind: ActionKind;
  /** Page time of the touch, ISO. */
  readonly touchedAt: string;
  /** The core's answer when it accepted the request. */
  readonly answer: ActivityJson | null;
  /** The core's (or the transport's) refusal. */
  readonly refusal: ApiError | null;
}

/** Undo and dismiss name another action; everything else is an action in its own right. */
export function kindOf(request: ActionRequest): ActionKind | null {
  return request.kind === 'dismiss' ? null : request.kind;
}

export function touched(request: ActionRequest, now: number): LocalAction | null {
  const kind = kindOf(request);
  if (kind === null) return null;
  return { transactionId: request.transactionId, kind, touchedAt: new Date(now).toISOString(), answer: null, refusal: null };
}

export function answered(local: readonly LocalAction[], transactionId: string, result: ApiResult<ActivityJson>): LocalAction[] {
  return local.map((a) =>
    a.transactionId !== transactionId ? a : result.ok ? { ...a, answer: result.value } : { ...a, refusal: result.error },
  );
}

/**
 * What a new state settles: an action the core lists is shown from the state from now on; an
 * accepted action missing from a state made after it was recorded was dismissed or expired there.
 */
export function settle(local: readonly LocalAction[], state: RoomStateJson): LocalAction[] {
  const listed = new Set(state.activity.map((a) => a.transactionId));
  const stateAt = Date.parse(state.generatedAt);
  return local.filter((a) => {
    if (listed.has(a.transactionId)) return false;
    if (a.answer && stateAt > Date.parse(a.answer.createdAt)) return false;
    return true;
  });
}

/** Dismissed entries stay hidden until the core stops listing them. */
export function settleHidden(hidden: ReadonlySet<string>, state: RoomStateJson): Set<string> {
  const listed = new Set(state.activity.map((a) => a.transactionId));
  return new Set([...hidden].filter((id) => listed.has(id)));
}

export interface ShownActivity {
  readonly activity: ActivityJson;
  /** Local entries are dismissed on this screen only; the core never heard of them. */
  readonly origin: 'local' | 'core';
}

function asActivity(a: LocalAction): ActivityJson {
  if (a.answer) return a.answer;
  const phase: ActivityPhase = a.refusal ? 'failed' : 'sending';
  return {
    transactionId: a.transactionId,
    kind: a.kind,
    phase,
    code: a.refusal ? a.refusal.code : 'sending',
    message: a.refusal ? a.refusal.message : '',
    start: null,
    end: null,
    undoUntil: null,
    createdAt: a.touchedAt,
  };
}

/**
 * The banner's entries, newest first: touches not yet in the state (they are the newest by
 * definition), then the core's list. The state wins as soon as it has an entry.
 */
export function shownActivity(
  server: readonly ActivityJson[],
  local: readonly LocalAction[],
  hidden: ReadonlySet<string>,
  now: number,
): ShownActivity[] {
  const listed = new Set(server.map((a) => a.transactionId));
  const mine = local
    .filter((a) => !listed.has(a.transactionId) && !hidden.has(a.transactionId))
    .filter((a) => !a.refusal || now - Date.parse(a.touchedAt) < REFUSAL_SHOWN_MS)
    .map((a): ShownActivity => ({ activity: asActivity(a), origin: a.answer ? 'core' : 'local' }))
    // An answer may name another entry (an undo answering with the booking it took back).
    .filter((s) => !listed.has(s.activity.transactionId) && !hidden.has(s.activity.transactionId))
    .reverse();
  const theirs = server.filter((a) => !hidden.has(a.transactionId)).map((a): ShownActivity => ({ activity: a, origin: 'core' }));
  return [...mine, ...theirs].slice(0, ACTIVITY_SHOWN);
}

const IN_FLIGHT: ReadonlySet<ActivityPhase> = new Set(['queued', 'sending', 'waiting-for-room']);

/**
 * Whether an action of this kind is still on its way: its button then stays pressed and
 * ignores further taps, so an impatient second tap cannot book the room twice.
 */
export function inFlight(kind: ActionKind, server: readonly ActivityJson[], local: readonly LocalAction[]): boolean {
  const listed = new Set(server.map((a) => a.transactionId));
  return (
    local.some((a) => a.kind === kind && !a.refusal && !listed.has(a.transactionId) && (!a.answer || IN_FLIGHT.has(a.answer.phase))) ||
    server.some((a) => a.kind === kind && IN_FLIGHT.has(a.phase))
  );
}

export function mayDismiss(a: ActivityJson): boolean {
  return a.phase === 'done' || a.phase === 'failed' || a.phase === 'undone';
}

/** Whole seconds of undo left, rounded up; 0 when it cannot (or no longer) be undone. */
export function undoSecondsLeft(a: ActivityJson, now: number): number {
  if (a.undoUntil === null || a.phase === 'undone' || a.phase === 'failed') return 0;
  const until = Date.parse(a.undoUntil);
  if (!Number.isFinite(until)) return 0;
  return Math.max(0, Math.ceil((until - now) / 1000));
}
