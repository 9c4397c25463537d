import { useState } from 'preact/hooks';
import type { ApiError } from '../../../../src/api/contract.js';
import type { SetupApi } from '../setup-api.js';
import type { ShownError } from '../setup-errors.js';
import { normalizeSetupCode } from '../setup-token.js';
import { BusyButton } from './busy-button.js';
import { ErrorBox, FieldError } from './error-box.js';

interface Props {
  api: SetupApi;
  /** Why the page is asking for the code, e.g. a token the display no longer knows. */
  initialError: ShownError | null;
  onToken(token: string): void;
  /** Routes a refusal (a lock-out replaces the page); returns it when the form should show it. */
  triage(error: ApiError): ShownError | null;
}

/**
 * The way in without the QR code (a camera that will not focus, a laptop): the short code the
 * display shows under its QR code, exchanged for the same token the QR code holds.
 */
export function CodeForm({ api, initialError, onToken, triage }: Props) {
  const [typed, setTyped] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ShownError | null>(initialError);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    const check = normalizeSetupCode(typed);
    if (!check.ok) {
      setFieldError(check.message);
      return;
    }
    setFieldError(undefined);
    setError(null);
    setBusy(true);
    const result = await api.exchangeCode({ code: check.code });
    setBusy(false);
    if (result.ok) onToken(result.value.token);
    else setError(triage(result.error));
  };

  return (
    <main class="setup-page">
      <header class="setup-header">
        <h1 class="setup-header-device">Set up a display</h1>
      </header>
      <form class="card" data-testid="setup-code-form" onSubmit={(e) => void submit(e)} noValidate>
        <h2 class="card-title">Type the code shown on the display</h2>
        <p class="hint">It is under the QR code, like K7QM-2XHD. Scanning the QR code with your phone’s camera works too.</p>
        <label class="label" for="setup-code">
          Code
        </label>
        <input
          id="setup-code"
          class="input code-input"
          data-testid="setup-code-input"
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
          autocomplete="one-time-code"
          autocapitalize="characters"
          autocorrect="off"
          spellcheck={false}
          maxLength={16}
          placeholder="K7QM-2XHD"
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'setup-code-error' : undefined}
        />
        <FieldError id="setup-code-error" message={fieldError} />
        <ErrorBox error={error} />
        <BusyButton type="submit" busy={busy} busyLabel="Checking the code…" testId="setup-code-submit">
          Continue
        </BusyButton>
      </form>
    </main>
  );
}
