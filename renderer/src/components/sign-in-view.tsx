import type { SignInPromptJson } from '../../../src/api/contract.js';
import { formatCountdown, secondsUntil, urlForReading } from '../format.js';
import type { Strings } from '../i18n.js';
import { PANEL_THEME } from '../theme.js';
import { useClock } from '../use-clock.js';
import { QrCode } from './qr-code.js';

interface Props {
  prompt: SignInPromptJson;
  roomName: string;
  t: Strings;
  badge: string | null;
}

/**
 * The whole screen while a device-code sign-in waits: the admin stands at the door with a phone,
 * so the code and the QR code get the space the room status normally has. Every string from the
 * identity provider is rendered as text, and the URL is never a link: on a kiosk a tap must not
 * navigate away from the door.
 */
export function SignInView({ prompt, roomName, t, badge }: Props) {
  // Per-second renders only while this screen is up; the door view stays on minute ticks.
  const now = useClock(1000);
  const left = secondsUntil(prompt.expiresAt, now);
  const expired = left === 0;

  return (
    <div
      class={`sign-in${expired ? ' is-expired' : ''}`}
      data-testid="sign-in"
      data-expired={String(expired)}
      style={{ '--panel-bg': PANEL_THEME.background, '--panel-text': PANEL_THEME.text, '--panel-muted': PANEL_THEME.muted }}
    >
      <header class="sign-in-header">
        <div class="sign-in-room-row">
          <div class="sign-in-room" dir="auto" data-testid="room-name">
            {roomName}
          </div>
          {badge ? (
            <div class="badge" role="status" data-testid="offline-badge">
              {badge}
            </div>
          ) : null}
        </div>
        <h1 class="sign-in-title" data-testid="sign-in-title">
          {t.signIn.title}
        </h1>
      </header>

      <ol class="sign-in-steps">
        <li class="sign-in-step">
          <span class="sign-in-step-number" aria-hidden="true">
            1
          </span>
          <div class="sign-in-step-body">
            <div class="sign-in-step-label">{t.signIn.open}</div>
            <div class="sign-in-url" dir="ltr" data-testid="sign-in-url">
              {urlForReading(prompt.verificationUri)}
            </div>
          </div>
        </li>
        <li class="sign-in-step">
          <span class="sign-in-step-number" aria-hidden="true">
            2
          </span>
          <div class="sign-in-step-body">
            <div class="sign-in-step-label">{t.signIn.enterCode}</div>
            <div class="sign-in-code" dir="ltr" data-testid="sign-in-code">
              {prompt.userCode}
            </div>
            {prompt.account ? (
              <div class="sign-in-account" data-testid="sign-in-account">
                {t.signIn.signInAs} <bdi>{prompt.account}</bdi>
              </div>
            ) : null}
          </div>
        </li>
      </ol>

      {/* A phone opens whatever a QR code says: only offer the https page the contract promises. */}
      {/^https:\/\//i.test(prompt.verificationUri) ? (
        <figure class="sign-in-qr">
          <QrCode text={prompt.verificationUri} label={prompt.verificationUri} class="sign-in-qr-code" testId="sign-in-qr" />
          <figcaption class="sign-in-qr-caption">{t.signIn.scan}</figcaption>
        </figure>
      ) : null}

      {left === null ? null : (
        <div class="sign-in-countdown" role="timer" data-testid="sign-in-countdown" data-seconds={left}>
          {expired ? t.signIn.expired : t.signIn.expiresIn(formatCountdown(left))}
        </div>
      )}
    </div>
  );
}
