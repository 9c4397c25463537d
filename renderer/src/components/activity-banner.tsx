import type { ActivityJson } from '../../../src/api/contract.js';
import { mayDismiss, undoSecondsLeft, type ShownActivity } from '../door-actions.js';
import { activityText } from '../door-wording.js';
import type { TimeFormat } from '../format.js';
import type { ActionStrings } from '../i18n.js';
import { useClock } from '../use-clock.js';
import type { DoorActions } from '../use-door-actions.js';

/** Mounted only while undo is possible, so the door renders once a second only then. */
function UndoButton({ activity, a, onUndo }: { activity: ActivityJson; a: ActionStrings; onUndo: () => void }) {
  const now = useClock(1000);
  const left = undoSecondsLeft(activity, now);
  if (left <= 0) return null;
  return (
    <button type="button" class="touch touch-banner activity-undo" data-testid="activity-undo" data-seconds={left} onClick={onUndo}>
      {a.undo}
      <span class="activity-undo-seconds">{a.undoSeconds(left)}</span>
    </button>
  );
}

/** No spinner (DESIGN §1): a still mark says the state of things (an empty ring while on its way), the words say the rest. */
const MARK: Record<ActivityJson['phase'], string> = {
  queued: '',
  sending: '',
  'waiting-for-room': '',
  done: '✓',
  undone: '↺',
  failed: '!',
};

function ActivityItem({ entry, a, fmt, actions, now }: { entry: ShownActivity; a: ActionStrings; fmt: TimeFormat; actions: DoorActions; now: number }) {
  const { activity, origin } = entry;
  const offerUndo = origin === 'core' && undoSecondsLeft(activity, now) > 0 && !actions.undoAsked(activity.transactionId);
  return (
    <li
      class={`activity activity-${activity.phase}`}
      data-testid={origin === 'local' ? 'activity-local' : 'activity'}
      data-phase={activity.phase}
      data-kind={activity.kind}
      data-code={activity.code}
      data-transaction={activity.transactionId}
      role={activity.phase === 'failed' ? 'alert' : 'status'}
    >
      <span class="activity-mark" aria-hidden="true">
        {MARK[activity.phase]}
      </span>
      <span class="activity-text" data-testid="activity-text">
        {activityText(activity, a, fmt)}
      </span>
      {offerUndo ? <UndoButton activity={activity} a={a} onUndo={() => actions.undo(activity)} /> : null}
      {mayDismiss(activity) ? (
        <button
          type="button"
          class="touch touch-banner activity-dismiss"
          data-testid="activity-dismiss"
          aria-label={a.dismiss}
          title={a.dismiss}
          onClick={() => actions.dismiss(entry)}
        >
          ×
        </button>
      ) : null}
    </li>
  );
}

/**
 * What happened to the last touches, at the foot of the status panel. It reports; it never
 * colours the room: the panel's colour comes from the core's `status` alone.
 */
export function ActivityBanner({ a, fmt, actions, now }: { a: ActionStrings; fmt: TimeFormat; actions: DoorActions; now: number }) {
  const entries = actions.shown(now);
  if (entries.length === 0) return null;
  return (
    <ul class="activity-list" data-testid="activity-list" aria-live="polite">
      {entries.map((entry) => (
        <ActivityItem key={entry.activity.transactionId} entry={entry} a={a} fmt={fmt} actions={actions} now={now} />
      ))}
    </ul>
  );
}
