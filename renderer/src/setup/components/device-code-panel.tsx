import type { SetupSignInJson } from '../../../../src/api/contract.js';
import { formatCountdown, secondsUntil, urlForReading } from '../../format.js';
import { useClock } from '../../use-clock.js';
import { CopyButton } from './copy-button.js';

interface Props {
  signIn: SetupSignInJson;
  onStartAgain(): void;
}

/**
 * A delegated sign-in in progress: the booking account signs in on Microsoft's page (on this
 * phone or any other device) with this code, while the page polls the display for the outcome.
 */
export function DeviceCodePanel({ signIn, onStartAgain }: Props) {
  const now = useClock(1000);
  const left = signIn.codeExpiresAt ? secondsUntil(signIn.codeExpiresAt, now) : null;
  const expired = left === 0;
  const uri = signIn.verificationUri ?? '';
  // Only ever link to an https page: the display relays this from the identity provider.
  const linkable = /^https:\/\//i.test(uri);

  return (
    <section class="card" data-testid="device-code-panel" data-expired={String(expired)}>
      <h2 class="card-title">Sign in as the booking account</h2>
      <ol class="numbered">
        <li>
          <p>Copy this code:</p>
          <div class="device-code-row">
            <output class="device-code" data-testid="device-code" dir="ltr">
              {signIn.userCode}
            </output>
            {signIn.userCode ? <CopyButton text={signIn.userCode} label="Copy code" testId="device-code-copy" /> : null}
          </div>
        </li>
        <li>
          <p>Open the Microsoft page, paste the code and sign in with the booking account:</p>
          {linkable ? (
            <a class="button primary link-button" href={uri} target="_blank" rel="noopener noreferrer" data-testid="device-code-link">
              Open the Microsoft sign-in page
            </a>
          ) : (
            <p class="device-code-uri" data-testid="device-code-uri">
              {urlForReading(uri)}
            </p>
          )}
        </li>
        <li>
          <p>Come back here: this page moves on by itself.</p>
        </li>
      </ol>
      {left === null ? null : (
        <p class={`countdown${expired ? ' is-expired' : ''}`} role="timer" data-testid="device-code-countdown" data-seconds={left}>
          {expired ? 'The code expired.' : `The code works for ${formatCountdown(left)} more.`}
        </p>
      )}
      <p class="waiting" aria-live="polite">
        {expired ? null : (
          <>
            <span class="spinner" aria-hidden="true" /> Waiting for the sign-in…
          </>
        )}
      </p>
      <button type="button" class="button secondary" data-testid="sign-in-restart" onClick={onStartAgain}>
        {expired ? 'Get a new code' : 'Start the sign-in again'}
      </button>
    </section>
  );
}
