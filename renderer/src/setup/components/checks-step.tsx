import type { CheckStatusJson, SetupStatusJson } from '../../../../src/api/contract.js';
import type { ShownError } from '../setup-errors.js';
import { checksVerdict, countByStatus, type ChecksVerdict } from '../setup-flow.js';
import type { ChosenRoom } from '../setup-token.js';
import { BusyButton } from './busy-button.js';
import { CheckList } from './check-list.js';
import { ErrorBox } from './error-box.js';
import { PinForm } from './pin-form.js';

interface Props {
  status: SetupStatusJson;
  room: ChosenRoom;
  /** True while the request that starts the checks runs. */
  starting: boolean;
  startError: ShownError | null;
  onRunAgain(): void;
  onPair(pin: string): Promise<ShownError | null>;
  onBack(): void;
}

function whyNotYet(verdict: ChecksVerdict, starting: boolean, startFailed: boolean): string | null {
  if (starting) return 'Wait for the checks to start.';
  if (verdict === 'pending') return startFailed ? 'The checks did not start. Run them again.' : 'Wait for the checks to start.';
  if (verdict === 'running') return 'Wait for the checks to finish.';
  if (verdict === 'failed') return 'Fix what failed above, then run the checks again. Pairing opens when nothing fails.';
  return null;
}

function summary(verdict: ChecksVerdict, counts: Record<CheckStatusJson, number>): string | null {
  if (verdict === 'failed') {
    return counts.FAIL === 1
      ? '1 check failed. Fix it (see above), then run the checks again.'
      : `${counts.FAIL} checks failed. Fix them (see above), then run the checks again.`;
  }
  if (verdict !== 'passed') return null;
  return counts.WARN > 0 ? 'Nothing failed. The warnings above are worth fixing, but the display can be paired.' : 'All checks passed.';
}

/**
 * Steps 3 and 4 on one screen: the checks for the chosen room as they run, and under them the PIN
 * and the pair button, which opens once nothing failed. The admin can type the PIN while waiting.
 */
export function ChecksStep({ status, room, starting, startError, onRunAgain, onPair, onBack }: Props) {
  const verdict = starting ? 'pending' : checksVerdict(status.checks, room.email);
  const lines = verdict === 'pending' || !status.checks ? [] : status.checks.lines;
  const counts = countByStatus(lines);
  const label = room.name ?? room.email;

  return (
    <>
      <section class="card" data-testid="checks-step" data-verdict={verdict}>
        <h2 class="card-title">
          Checking <bdi>{label}</bdi>
        </h2>
        {room.name ? <p class="hint room-email">{room.email}</p> : null}
        {verdict === 'pending' && !startError ? (
          <p class="waiting">
            <span class="spinner" aria-hidden="true" /> Starting the checks…
          </p>
        ) : null}
        <CheckList lines={lines} />
        <p class={`checks-summary is-${verdict}`} data-testid="checks-summary" role="status">
          {summary(verdict, counts)}
        </p>
        <ErrorBox error={startError} />
        {verdict === 'failed' || verdict === 'passed' || startError ? (
          <BusyButton variant="secondary" busy={starting} busyLabel="Starting the checks…" testId="checks-again" onClick={onRunAgain}>
            Run the checks again
          </BusyButton>
        ) : null}
        <button type="button" class="button secondary" data-testid="back" onClick={onBack}>
          Choose another room
        </button>
      </section>
      <PinForm blockedBecause={whyNotYet(verdict, starting, startError !== null)} onPair={onPair} />
    </>
  );
}
