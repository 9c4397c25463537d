import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ActionKind, ActionRequest, ActivityJson, ApiResult, RoomStateJson } from '../../src/api/contract.js';
import {
  ANSWER_SHOWN_MS,
  REFUSAL_SHOWN_MS,
  answered,
  inFlight,
  settle,
  settleHidden,
  shownActivity,
  touched,
  type LocalAction,
  type ShownActivity,
} from './door-actions.js';
import { act } from './transport.js';

export interface DoorActions {
  /** Sends at once; the banner shows the touch before this returns to the event loop. */
  send(request: ActionRequest): void;
  undo(target: ActivityJson): void;
  dismiss(entry: ShownActivity): void;
  shown(now: number): ShownActivity[];
  busy(kind: ActionKind): boolean;
  /** Undo was asked for this entry; its button goes away instead of inviting a second tap. */
  undoAsked(transactionId: string): boolean;
}

function without(set: ReadonlySet<string>, id: string): Set<string> {
  return new Set([...set].filter((x) => x !== id));
}

export function newTransactionId(): string {
  return crypto.randomUUID();
}

/**
 * The touch side of the door: what was tapped here and not yet reflected in the core's state.
 * The state stays the single truth for what the room is; this only bridges the gap until the
 * core's `activity` list says the same.
 */
export function useDoorActions(state: RoomStateJson): DoorActions {
  const [local, setLocal] = useState<LocalAction[]>([]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [undoing, setUndoing] = useState<ReadonlySet<string>>(() => new Set());
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  useEffect(() => {
    setLocal((l) => settle(l, state));
    setHidden((h) => settleHidden(h, state));
    setUndoing((u) => settleHidden(u, state));
  }, [state]);

  /** Resolves with the answer once it is on the screen; the local entry is there before this returns. */
  const run = useCallback((request: ActionRequest): Promise<ApiResult<ActivityJson>> => {
    const entry = touched(request, Date.now());
    if (entry) setLocal((l) => [...l, entry]);
    return act(request).then((result) => {
      if (!entry || !alive.current) return result;
      const id = request.transactionId;
      setLocal((l) => answered(l, id, result));
      // The state normally takes over within a moment; if it never lists this action, the
      // answer (or the refusal) must still leave the door, and leave the button usable again.
      window.setTimeout(
        () => {
          if (alive.current) setLocal((l) => l.filter((a) => a.transactionId !== id));
        },
        result.ok ? ANSWER_SHOWN_MS : REFUSAL_SHOWN_MS,
      );
      return result;
    });
  }, []);

  const send = useCallback((request: ActionRequest) => void run(request), [run]);

  const undo = useCallback(
    (target: ActivityJson) => {
      const id = target.transactionId;
      setUndoing((u) => new Set([...u, id]));
      void run({ kind: 'undo', transactionId: newTransactionId(), target: id }).then((result) => {
        // Refused (too late, or the core did not answer): the Undo button may come back while time is left.
        if (!result.ok && alive.current) setUndoing((u) => without(u, id));
      });
    },
    [run],
  );

  const dismiss = useCallback(
    (entry: ShownActivity) => {
      const id = entry.activity.transactionId;
      if (entry.origin === 'local') {
        setLocal((l) => l.filter((a) => a.transactionId !== id));
        return;
      }
      setHidden((h) => new Set([...h, id]));
      void run({ kind: 'dismiss', transactionId: newTransactionId(), target: id }).then((result) => {
        // The core would not hide it: show it again rather than pretend.
        if (!result.ok && alive.current) setHidden((h) => without(h, id));
      });
    },
    [run],
  );

  return {
    send,
    undo,
    dismiss,
    shown: (now) => shownActivity(state.activity, local, hidden, now),
    busy: (kind) => inFlight(kind, state.activity, local),
    undoAsked: (id) => undoing.has(id),
  };
}
