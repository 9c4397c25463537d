import { useState } from 'preact/hooks';
import type { SetupSignInRequest, SetupStatusJson } from '../../../../src/api/contract.js';
import type { ShownError } from '../setup-errors.js';
import { checkSignInForm, localDate, signInRequest, type FieldErrors, type SignInForm, type SignInMode } from '../setup-flow.js';
import { BusyButton } from './busy-button.js';
import { CertificateInput } from './certificate-input.js';
import { ErrorBox, FieldError } from './error-box.js';

interface Props {
  status: SetupStatusJson;
  /** Sends the sign-in; resolves with what to show when it did not work. */
  onSubmit(request: SetupSignInRequest): Promise<ShownError | null>;
  /** An earlier attempt's failure (the display's own words), shown until the next try. */
  failure: ShownError | null;
}

function initialForm(status: SetupStatusJson): SignInForm {
  const previous = status.signIn.mode;
  return {
    mode: previous === 'delegated' ? 'delegated' : 'app',
    appKind: previous === 'app-certificate' ? 'certificate' : 'secret',
    tenant: status.defaults.tenant ?? '',
    clientId: status.defaults.clientId ?? '',
    secret: '',
    secretExpires: '',
    certificatePem: '',
  };
}

/** Big two-way choice; a radio group in meaning, buttons in size. */
function ModeChoice({ mode, onChoose }: { mode: SignInMode | null; onChoose(mode: SignInMode): void }) {
  return (
    <div class="choice" role="radiogroup" aria-label="How the display signs in">
      <button type="button" role="radio" aria-checked={mode === 'delegated'} class={`choice-option${mode === 'delegated' ? ' is-chosen' : ''}`} data-testid="mode-delegated" onClick={() => onChoose('delegated')}>
        <strong>Sign in as a booking account</strong>
        <span>A user account (e.g. booking@contoso.com) signs in once with a code. Simplest.</span>
      </button>
      <button type="button" role="radio" aria-checked={mode === 'app'} class={`choice-option${mode === 'app' ? ' is-chosen' : ''}`} data-testid="mode-app" onClick={() => onChoose('app')}>
        <strong>App credentials</strong>
        <span>An app registration with a client secret or a certificate. For fleets.</span>
      </button>
    </div>
  );
}

/**
 * Step 1: how the display signs in to Microsoft 365. The tenant and client ID come prefilled
 * from the device's config; the secret field never shows what was typed, and nothing secret is
 * kept once this step is left.
 */
export function SignInFormView({ status, onSubmit, failure }: Props) {
  const [form, setForm] = useState<SignInForm>(() => initialForm(status));
  // Nothing chosen until the admin picks, unless an earlier attempt already said which.
  const [mode, setMode] = useState<SignInMode | null>(status.signIn.mode ? form.mode : null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  // An earlier failure stays up until the next answer, not while the new attempt runs.
  const shown = busy ? null : (error ?? failure);

  const set = <K extends keyof SignInForm>(key: K, value: SignInForm[K]): void => {
    setForm((f) => ({ ...f, [key]: value }));
  };

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy || !mode) return;
    const chosen: SignInForm = { ...form, mode };
    const found = checkSignInForm(chosen, localDate(new Date()));
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setError(null);
    setBusy(true);
    const refusal = await onSubmit(signInRequest(chosen));
    setBusy(false);
    setError(refusal);
  };

  const describe = (id: string, message: string | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } =>
    message ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};

  return (
    <form class="card" data-testid="sign-in-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2 class="card-title">How should the display sign in?</h2>
      <ModeChoice mode={mode} onChoose={setMode} />

      {mode ? (
        <>
          <label class="label" for="tenant">
            Tenant ID or domain
          </label>
          <input
            id="tenant"
            class="input"
            data-testid="tenant"
            value={form.tenant}
            onInput={(e) => set('tenant', e.currentTarget.value)}
            placeholder="contoso.onmicrosoft.com"
            autocapitalize="none"
            autocomplete="off"
            spellcheck={false}
            {...describe('tenant', errors.tenant)}
          />
          <FieldError id="tenant-error" message={errors.tenant} />

          <label class="label" for="client-id">
            Application (client) ID
          </label>
          <input
            id="client-id"
            class="input mono"
            data-testid="client-id"
            value={form.clientId}
            onInput={(e) => set('clientId', e.currentTarget.value)}
            placeholder="00000000-0000-0000-0000-000000000000"
            autocapitalize="none"
            autocomplete="off"
            spellcheck={false}
            {...describe('client-id', errors.clientId)}
          />
          <FieldError id="client-id-error" message={errors.clientId} />
        </>
      ) : null}

      {mode === 'app' ? (
        <>
          <div class="toggle" role="radiogroup" aria-label="App credential">
            <button type="button" role="radio" aria-checked={form.appKind === 'secret'} class={`toggle-option${form.appKind === 'secret' ? ' is-chosen' : ''}`} data-testid="app-kind-secret" onClick={() => set('appKind', 'secret')}>
              Client secret
            </button>
            <button type="button" role="radio" aria-checked={form.appKind === 'certificate'} class={`toggle-option${form.appKind === 'certificate' ? ' is-chosen' : ''}`} data-testid="app-kind-certificate" onClick={() => set('appKind', 'certificate')}>
              Certificate
            </button>
          </div>

          {form.appKind === 'secret' ? (
            <>
              <label class="label" for="secret">
                Client secret value
              </label>
              <input
                id="secret"
                class="input mono"
                type="password"
                data-testid="secret"
                value={form.secret}
                onInput={(e) => set('secret', e.currentTarget.value)}
                autocomplete="off"
                autocapitalize="none"
                spellcheck={false}
                {...describe('secret', errors.secret)}
              />
              <FieldError id="secret-error" message={errors.secret} />

              <label class="label" for="secret-expires">
                Secret expires on <span class="optional">(optional: the display warns you before)</span>
              </label>
              <input
                id="secret-expires"
                class="input"
                type="date"
                data-testid="secret-expires"
                value={form.secretExpires}
                onInput={(e) => set('secretExpires', e.currentTarget.value)}
                {...describe('secret-expires', errors.secretExpires)}
              />
              <FieldError id="secret-expires-error" message={errors.secretExpires} />
            </>
          ) : (
            <>
              <CertificateInput
                onPem={(text) => set('certificatePem', text)}
                invalid={Boolean(errors.certificatePem)}
                describedBy={errors.certificatePem ? 'certificate-file-error' : undefined}
              />
              <FieldError id="certificate-file-error" message={errors.certificatePem} />
            </>
          )}
        </>
      ) : null}

      <ErrorBox error={shown} />

      {mode ? (
        <BusyButton type="submit" busy={busy} busyLabel={mode === 'delegated' ? 'Asking for a code…' : 'Signing in…'} testId="sign-in-submit">
          {mode === 'delegated' ? 'Get the sign-in code' : 'Sign in'}
        </BusyButton>
      ) : null}
    </form>
  );
}
