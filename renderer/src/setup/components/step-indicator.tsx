import { STEP_NAMES, type SetupStep } from '../setup-flow.js';

const STEPS: SetupStep[] = [1, 2, 3, 4];

/** Where the admin is in the four steps; done steps are ticked so the way back is visible. */
export function StepIndicator({ current }: { current: SetupStep }) {
  return (
    <ol class="steps" data-testid="setup-steps" data-step={current} aria-label={`Step ${current} of 4: ${STEP_NAMES[current]}`}>
      {STEPS.map((n) => (
        <li key={n} class={`step${n === current ? ' is-current' : n < current ? ' is-done' : ''}`} aria-current={n === current ? 'step' : undefined}>
          <span class="step-number" aria-hidden="true">
            {n < current ? '✓' : n}
          </span>
          <span class="step-name">{STEP_NAMES[n]}</span>
        </li>
      ))}
    </ol>
  );
}
