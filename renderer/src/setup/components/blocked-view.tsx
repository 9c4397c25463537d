import type { ShownError } from '../setup-errors.js';

interface Props {
  error: ShownError;
  /** Leaves the dead token behind and asks for the code the display shows now. */
  onTypeCode(): void;
}

/** The whole page when nothing can work with this token: expired, used up, or locked out. */
export function BlockedView({ error, onTypeCode }: Props) {
  return (
    <main class="setup-page">
      <section class="card blocked" data-testid="setup-blocked" data-code={error.code} role="alert">
        <h1 class="blocked-title">{error.title}</h1>
        <p class="blocked-message">{error.message}</p>
        {error.detail ? <p class="blocked-detail">{error.detail}</p> : null}
        <button type="button" class="button secondary" data-testid="setup-type-code" onClick={onTypeCode}>
          Type the code shown on the display
        </button>
      </section>
    </main>
  );
}
