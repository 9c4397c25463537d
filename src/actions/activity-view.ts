import type { ActivityJson, ActivityPhase } from '../api/contract.js';
import type { OutboxItem } from '../store/outbox.js';

/** Undo is offered this long after the touch. */
export const UNDO_MS = 10_000;
/** A confirmation stays on the door this long; the calendar shows the rest. */
export const DONE_SHOWN_MS = 30_000;
/** A failure stays until dismissed, or this long. */
export const FAILED_SHOWN_MS = 10 * 60_000;

const UNDOABLE = new Set<OutboxItem['kind']>(['book', 'end-early', 'extend']);

const SENTENCES: Record<string, string> = {
  sending: 'Sending to Microsoft 365…',
  'queued-offline': 'Saved on this display; it will be sent when the connection is back.',
  retrying: 'Not confirmed yet: Microsoft 365 did not answer; trying again.',
  'waiting-for-room': 'Waiting for the room to accept…',
};

function phaseOf(item: OutboxItem, online: boolean): { phase: ActivityPhase; code: string } {
  const waiting = item.payload.phase === 'answer';
  switch (item.status) {
    case 'pending':
      if (waiting) return { phase: 'waiting-for-room', code: 'waiting-for-room' };
      if (!online) return { phase: 'queued', code: 'queued-offline' };
      return item.attempts === 0 ? { phase: 'sending', code: 'sending' } : { phase: 'queued', code: 'retrying' };
    case 'sent':
      return waiting ? { phase: 'waiting-for-room', code: 'waiting-for-room' } : { phase: 'sending', code: 'sending' };
    case 'done':
      return item.kind !== 'undo' && item.result?.code === 'undone' ? { phase: 'undone', code: 'undone' } : { phase: 'done', code: item.result?.code ?? 'done' };
    case 'failed':
      return { phase: 'failed', code: item.result?.code ?? 'failed' };
  }
}

/** When an item stops being shown, or null while it is still open. */
export function shownUntil(item: OutboxItem): number | null {
  if (item.finishedAt === null) return null;
  return item.finishedAt + (item.status === 'failed' ? FAILED_SHOWN_MS : DONE_SHOWN_MS);
}

export function undoUntil(item: OutboxItem, undoneTargets: ReadonlySet<string>): number | null {
  if (!UNDOABLE.has(item.kind) || item.status === 'failed' || item.result?.code === 'undone' || undoneTargets.has(item.transactionId)) return null;
  return item.createdAt + UNDO_MS;
}

/** One outbox item as the door words it. */
export function activityOf(item: OutboxItem, o: { now: number; online: boolean; iso: (t: number) => string; undoneTargets: ReadonlySet<string> }): ActivityJson {
  const { phase, code } = phaseOf(item, o.online);
  const p = item.payload;
  const num = (k: string): number | null => (typeof p[k] === 'number' ? p[k] : null);
  const start = item.kind === 'book' ? num('start') : null;
  const end = item.kind === 'book' || item.kind === 'extend' || item.kind === 'end-early' ? num('end') : null;
  const undo = undoUntil(item, o.undoneTargets);
  return {
    transactionId: item.transactionId,
    kind: item.kind,
    phase,
    code,
    message: item.result?.message ?? SENTENCES[code] ?? 'Working on it…',
    start: start === null ? null : o.iso(start),
    end: end === null ? null : o.iso(end),
    undoUntil: undo !== null && undo > o.now ? o.iso(undo) : null,
    createdAt: o.iso(item.createdAt),
  };
}
