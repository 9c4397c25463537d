import type { ShownError } from '../setup-errors.js';

/** Every refusal the page shows, in one shape: what went wrong, then what to do. */
export function ErrorBox({ error }: { error: ShownError | null }) {
  if (!error || error.placement === 'ignore') return null;
  return (
    <div class="error-box" role="alert" data-testid="setup-error" data-code={error.code}>
      <strong class="error-title">{error.title}</strong>
      <p class="error-message">{error.message}</p>
      {error.detail ? <p class="error-detail">{error.detail}</p> : null}
    </div>
  );
}

/** A problem with one field, under that field. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="field-error" id={id} data-testid="field-error" data-field={id.replace(/-error$/, '')}>
      {message}
    </p>
  );
}
