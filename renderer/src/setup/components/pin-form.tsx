import { useState } from 'preact/hooks';
import type { ShownError } from '../setup-errors.js';
import { PIN_MAX, PIN_MIN, checkPin } from '../setup-validate.js';
import { BusyButton } from './busy-button.js';
import { ErrorBox, FieldError } from './error-box.js';

interface Props {
  /** Null when pairing may go ahead; otherwise why the button is off (checks running or failed). */
  blockedBecause: string | null;
  onPair(pin: string): Promise<ShownError | null>;
}

/** Digits only, at most PIN_MAX: phones with a full keyboard still cannot type letters in. */
function digits(text: string): string {
  return text.replace(/\D/g, '').slice(0, PIN_MAX);
}

/** One masked, digits-only PIN box with its label. */
function PinField(p: { id: string; label: string; value: string; onChange(v: string): void; invalid: Record<string, unknown> }) {
  return (
    <>
      <label class="label" for={p.id}>
        {p.label}
      </label>
      <input
        id={p.id}
        class="input pin-input"
        type="password"
        inputMode="numeric"
        pattern="[0-9]*"
        autocomplete="new-password"
        maxLength={PIN_MAX}
        data-testid={p.id}
        value={p.value}
        onInput={(e) => {
          const v = digits(e.currentTarget.value);
          e.currentTarget.value = v;
          p.onChange(v);
        }}
        {...p.invalid}
      />
    </>
  );
}

/** Step 4: the admin PIN, typed twice, and the button that pairs the display. */
export function PinForm({ blockedBecause, onPair }: Props) {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [pinError, setPinError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy || blockedBecause) return;
    const problem = checkPin(pin, again);
    setPinError(problem ?? undefined);
    if (problem) return;
    setError(null);
    setBusy(true);
    const refusal = await onPair(pin);
    // On success this form is gone (the done screen replaced it).
    setBusy(false);
    setError(refusal);
  };

  const invalid = pinError ? { 'aria-invalid': true as const, 'aria-describedby': 'pin-error' } : {};

  return (
    <form class="card" data-testid="pin-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2 class="card-title">Choose an admin PIN</h2>
      <p class="hint">
        It opens the admin screen on the display, where staff can see what is wrong, change the room or start setup again.
        Use {PIN_MIN} to {PIN_MAX} digits, and keep it with the facilities team.
      </p>
      <PinField id="pin" label="PIN" value={pin} onChange={setPin} invalid={invalid} />
      <PinField id="pin-again" label="The same PIN again" value={again} onChange={setAgain} invalid={invalid} />
      <FieldError id="pin-error" message={pinError} />
      <ErrorBox error={error} />
      {blockedBecause ? (
        <p class="blocked-because" data-testid="confirm-blocked">
          {blockedBecause}
        </p>
      ) : null}
      <BusyButton type="submit" busy={busy} busyLabel="Pairing…" disabled={blockedBecause !== null} testId="confirm">
        Pair this display
      </BusyButton>
    </form>
  );
}
