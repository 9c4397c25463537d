import type { CheckLineJson } from '../../../../src/api/contract.js';
import { CHECK_MARK } from '../setup-flow.js';

/** The doctor's lines as they arrive; a FAIL or WARN says what to do right under it. */
export function CheckList({ lines }: { lines: readonly CheckLineJson[] }) {
  return (
    <ul class="check-list" aria-live="polite">
      {lines.map((line) => {
        const mark = CHECK_MARK[line.status];
        return (
          <li key={line.id} class={`check-line is-${line.status.toLowerCase()}`} data-testid="check-line" data-id={line.id} data-status={line.status}>
            <span class="check-mark" aria-hidden="true">
              {line.status === 'RUNNING' ? <span class="spinner" /> : mark.symbol}
            </span>
            <div class="check-body">
              <div class="check-name">
                {line.name} <span class="check-word">— {mark.word}</span>
              </div>
              {line.title ? <div class="check-title">{line.title}</div> : null}
              {line.fix && (line.status === 'FAIL' || line.status === 'WARN') ? (
                <div class="check-fix" data-testid="check-fix">
                  {line.fix}
                </div>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
