import type { ComponentChildren } from 'preact';

interface Props {
  busy: boolean;
  /** What the button says while its request runs, e.g. "Signing in…". */
  busyLabel: string;
  children: ComponentChildren;
  type?: 'button' | 'submit';
  variant?: 'primary' | 'secondary';
  disabled?: boolean;
  onClick?: () => void;
  testId?: string;
}

/** A button that says it is working and cannot be pressed twice while its request runs. */
export function BusyButton({ busy, busyLabel, children, type = 'button', variant = 'primary', disabled = false, onClick, testId }: Props) {
  return (
    <button
      type={type}
      class={`button ${variant}${busy ? ' is-busy' : ''}`}
      disabled={busy || disabled}
      aria-busy={busy}
      data-busy={String(busy)}
      data-testid={testId}
      onClick={onClick}
    >
      {busy ? (
        <>
          <span class="spinner" aria-hidden="true" />
          {busyLabel}
        </>
      ) : (
        children
      )}
    </button>
  );
}
