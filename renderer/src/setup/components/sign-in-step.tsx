import { useState } from 'preact/hooks';
import type { SetupSignInRequest, SetupStatusJson } from '../../../../src/api/contract.js';
import type { ShownError } from '../setup-errors.js';
import { signedInWording } from '../setup-flow.js';
import { DeviceCodePanel } from './device-code-panel.js';
import { SignInFormView } from './sign-in-form.js';

interface Props {
  status: SetupStatusJson;
  onSubmit(request: SetupSignInRequest): Promise<ShownError | null>;
  onContinue(): void;
}

/** The display's own account of a failed sign-in, worded like any other refusal. */
function signInFailure(status: SetupStatusJson): ShownError | null {
  if (status.signIn.state !== 'failed') return null;
  return {
    placement: 'inline',
    code: 'SIGN_IN_FAILED',
    title: 'The sign-in did not work',
    message: status.signIn.error?.trim() || 'Microsoft 365 refused the sign-in. Check the values and try again.',
    detail: null,
  };
}

/**
 * Step 1 as a whole: the form, or the device code while a delegated sign-in waits, or (when the
 * admin came back to this step) who is signed in already.
 */
export function SignInStep({ status, onSubmit, onContinue }: Props) {
  const signIn = status.signIn;
  // "Start again" shows the form over a sign-in that is still waiting; a new answer hides it again.
  const [formOverWaiting, setFormOverWaiting] = useState(false);
  const [formOverSignedIn, setFormOverSignedIn] = useState(false);
  const submit = async (request: SetupSignInRequest): Promise<ShownError | null> => {
    const refusal = await onSubmit(request);
    if (!refusal) {
      setFormOverWaiting(false);
      setFormOverSignedIn(false);
    }
    return refusal;
  };

  if (signIn.state === 'waiting' && signIn.userCode && !formOverWaiting) {
    return <DeviceCodePanel signIn={signIn} onStartAgain={() => setFormOverWaiting(true)} />;
  }

  if (signIn.state === 'signed-in' && !formOverSignedIn) {
    const wording = signedInWording(signIn);
    return (
      <section class="card">
        <h2 class="card-title">Signed in</h2>
        <p class="signed-in" data-testid="signed-in-as">
          The display signs in {wording.joiner} <bdi class="account">{wording.who}</bdi>.
        </p>
        <button type="button" class="button primary" data-testid="sign-in-continue" onClick={onContinue}>
          Continue: choose the room
        </button>
        <button type="button" class="button secondary" data-testid="sign-in-change" onClick={() => setFormOverSignedIn(true)}>
          Sign in differently
        </button>
      </section>
    );
  }

  return <SignInFormView status={status} onSubmit={submit} failure={signInFailure(status)} />;
}
