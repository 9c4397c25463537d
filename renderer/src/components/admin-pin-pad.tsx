import { useEffect, useRef, useState } from 'preact/hooks';
import { unlockAdmin, UNREACHABLE_CODE } from '../admin-api.js';
import type { AdminStrings } from '../i18n.js';
import { useIdleTimeout } from '../use-admin-request.js';

/** An open PIN pad nobody touches goes away: the door goes back to saying whether the room is free. */
export const PIN_IDLE_MS = 60_000;
/** The PIN chosen at pairing has 4 to 8 digits. */
export const PIN_MIN = 4;
export const PIN_MAX = 8;

interface Props {
  a: AdminStrings;
  /** Why the pad is (back) here, e.g. the admin session ran out; shown until the next key. */
  notice: string | null;
  onUnlocked: (session: string) => void;
  onCancel: () => void;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * The PIN pad: big keys, the digits never shown (a passer-by may be looking), the core's refusal
 * (wrong PIN, locked, no PIN set) in its own words.
 */
export function AdminPinPad({ a, notice, onUnlocked, onCancel }: Props) {
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(notice);
  const touch = useIdleTimeout(PIN_IDLE_MS, onCancel);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const press = (digit: string): void => {
    if (busy) return;
    setError(null);
    setPin((p) => (p.length < PIN_MAX ? p + digit : p));
  };
  const erase = (): void => {
    if (!busy) setPin((p) => p.slice(0, -1));
  };
  const submit = (): void => {
    if (busy || pin.length < PIN_MIN) return;
    setBusy(true);
    void unlockAdmin(pin).then((result) => {
      if (!alive.current) return;
      setBusy(false);
      if (result.ok) {
        onUnlocked(result.value.session);
        return;
      }
      setPin('');
      setError(result.error.code === UNREACHABLE_CODE ? a.unreachable : result.error.message);
    });
  };

  // A keyboard works too (a technician's USB keyboard, and the development machine).
  const keys = useRef({ press, erase, submit, onCancel, touch });
  keys.current = { press, erase, submit, onCancel, touch };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const k = keys.current;
      k.touch();
      if (/^[0-9]$/.test(e.key)) k.press(e.key);
      else if (e.key === 'Backspace') k.erase();
      else if (e.key === 'Enter') k.submit();
      else if (e.key === 'Escape') k.onCancel();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const key = (digit: string) => (
    <button type="button" class="touch pin-key" data-testid={`pin-key-${digit}`} disabled={busy} onClick={() => press(digit)}>
      {digit}
    </button>
  );

  return (
    <section
      class="admin-layer pin-pad"
      role="dialog"
      aria-modal="true"
      aria-labelledby="pin-pad-title"
      data-testid="pin-pad"
      data-busy={String(busy)}
      onPointerDown={touch}
    >
      <div class="pin-side">
        <h2 class="admin-title" id="pin-pad-title">
          {a.pinTitle}
        </h2>
        <p class="pin-hint">{a.pinHint}</p>
        <div class="pin-display" data-testid="pin-display" data-length={pin.length} aria-live="polite" aria-label={a.pinEntered(pin.length)}>
          {Array.from({ length: Math.max(PIN_MIN, pin.length) }, (_, i) => (
            <span key={i} class={`pin-dot${i < pin.length ? ' is-filled' : ''}`} aria-hidden="true" />
          ))}
        </div>
        <div class="pin-message" role="alert">
          {busy ? (
            <span class="pin-checking" data-testid="pin-checking">
              {a.checkingPin}
            </span>
          ) : error ? (
            <span class="pin-error" data-testid="pin-error">
              {error}
            </span>
          ) : null}
        </div>
        <button type="button" class="touch admin-button pin-cancel" data-testid="pin-cancel" onClick={onCancel}>
          {a.cancel}
        </button>
      </div>
      <div class="pin-keys">
        {DIGITS.map(key)}
        <button type="button" class="touch pin-key pin-backspace" data-testid="pin-backspace" aria-label={a.backspace} disabled={busy || pin.length === 0} onClick={erase}>
          ⌫
        </button>
        {key('0')}
        <button type="button" class="touch pin-key pin-ok" data-testid="pin-ok" disabled={busy || pin.length < PIN_MIN} onClick={submit}>
          {a.ok}
        </button>
      </div>
    </section>
  );
}
