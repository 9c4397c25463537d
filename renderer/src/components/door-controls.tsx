import type { ComponentChildren } from 'preact';
import type { ActionKind, ActionRequest, RoomStateJson } from '../../../src/api/contract.js';
import type { Strings } from '../i18n.js';
import { newTransactionId, type DoorActions } from '../use-door-actions.js';

interface TouchButtonProps {
  /** While its action is on its way the button stays pressed and ignores taps (no double booking). */
  busy: boolean;
  onTouch: () => void;
  variant: 'primary' | 'secondary';
  testId: string;
  children: ComponentChildren;
}

/**
 * A door button. `onClick` fires for touch, mouse and the keyboard alike; the pressed look comes
 * from CSS `:active` at the moment of contact and from `is-busy` once the action is sent.
 */
export function TouchButton({ busy, onTouch, variant, testId, children }: TouchButtonProps) {
  return (
    <button
      type="button"
      class={`touch touch-${variant}${busy ? ' is-busy' : ''}`}
      data-testid={testId}
      aria-busy={busy}
      onClick={() => {
        if (!busy) onTouch();
      }}
    >
      {children}
    </button>
  );
}

interface Props {
  state: RoomStateJson;
  t: Strings;
  actions: DoorActions;
  onBook: () => void;
}

/**
 * What a passer-by may do right now, exactly as the core offers it in `state.actions`: the
 * screen never invents an action, so a button is never there for something the core would refuse.
 */
export function DoorControls({ state, t, actions, onBook }: Props) {
  const offered = state.actions;
  const a = t.actions;
  const send = (kind: ActionKind, request: (transactionId: string) => ActionRequest) => (): void => {
    if (!actions.busy(kind)) actions.send(request(newTransactionId()));
  };
  const checkIn = offered.checkIn;
  const free = state.status === 'free' || state.status === 'soon';
  // Beside a Check in button the people at the door are the next meeting: why they cannot book is noise.
  const reason = offered.book.length === 0 && free && !checkIn ? offered.bookUnavailable : null;
  const endEarly = offered.endEarly;
  const extend = offered.extend;
  if (offered.book.length === 0 && !reason && !checkIn && !endEarly && !extend) return null;

  return (
    <div class="door-controls" data-testid="door-controls">
      {offered.book.length > 0 ? (
        <TouchButton busy={actions.busy('book')} onTouch={onBook} variant="primary" testId="book-now">
          {a.bookNow}
        </TouchButton>
      ) : null}
      {reason ? (
        <div class="book-unavailable" data-testid="book-unavailable" data-reason={reason}>
          {a.bookUnavailable[reason]}
        </div>
      ) : null}
      {checkIn ? (
        <TouchButton
          busy={actions.busy('check-in')}
          onTouch={send('check-in', (transactionId) => ({ kind: 'check-in', transactionId, eventId: checkIn.eventId }))}
          variant="primary"
          testId="check-in"
        >
          {a.checkIn}
        </TouchButton>
      ) : null}
      {endEarly ? (
        <TouchButton
          busy={actions.busy('end-early')}
          onTouch={send('end-early', (transactionId) => ({ kind: 'end-early', transactionId, eventId: endEarly.eventId }))}
          variant="secondary"
          testId="end-early"
        >
          {a.endEarly}
        </TouchButton>
      ) : null}
      {extend && extend.minutes.length > 0 ? (
        <div class="extend-group" role="group" aria-label={a.extend}>
          {extend.minutes.map((minutes) => (
            <TouchButton
              key={minutes}
              busy={actions.busy('extend')}
              onTouch={send('extend', (transactionId) => ({ kind: 'extend', transactionId, eventId: extend.eventId, minutes }))}
              variant="secondary"
              testId={`extend-${minutes}`}
            >
              {a.extendBy(minutes)}
            </TouchButton>
          ))}
        </div>
      ) : null}
    </div>
  );
}
