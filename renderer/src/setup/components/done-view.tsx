import type { SetupDoneJson } from '../../../../src/api/contract.js';

/** The end: the setup server has closed, so this page asks nothing more of the display. */
export function DoneView({ done }: { done: SetupDoneJson }) {
  return (
    <main class="setup-page">
      <section class="card done" data-testid="done" role="status">
        <div class="done-mark" aria-hidden="true">
          ✓
        </div>
        <h1 class="done-title">
          Done. <bdi>{done.room.name}</bdi> now shows on the display.
        </h1>
        {done.message ? <p class="done-message">{done.message}</p> : null}
        <p class="hint">You can close this page.</p>
      </section>
    </main>
  );
}
