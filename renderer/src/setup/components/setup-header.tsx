import type { SetupStatusJson } from '../../../../src/api/contract.js';
import { displayCode } from '../setup-flow.js';

/** Names the display being set up, so an admin with several unpaired ones sees which this is. */
export function SetupHeader({ status }: { status: Pick<SetupStatusJson, 'deviceName' | 'code' | 'reopened'> }) {
  return (
    <header class="setup-header" data-testid="setup-header">
      <p class="setup-header-kicker">{status.reopened ? 'Changing the room of' : 'Setting up'}</p>
      {/* The name gets a line of its own: a hostname breaks badly at its hyphens next to the code. */}
      <h1 class="setup-header-device">
        <bdi data-testid="setup-header-device">{status.deviceName}</bdi>
        <span class="setup-header-code">
          <span class="setup-header-dot" aria-hidden="true">
            {' · '}
          </span>
          code <bdi data-testid="setup-header-code">{displayCode(status.code)}</bdi>
        </span>
      </h1>
    </header>
  );
}
