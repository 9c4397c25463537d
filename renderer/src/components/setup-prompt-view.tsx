import { useMemo } from 'preact/hooks';
import type { SetupPromptJson } from '../../../src/api/contract.js';
import { formatCountdown, secondsUntil, timeFormat, type TimeFormat } from '../format.js';
import type { Strings } from '../i18n.js';
import { PANEL_THEME } from '../theme.js';
import { useClock } from '../use-clock.js';
import { QrCode } from './qr-code.js';

interface Props {
  setup: SetupPromptJson;
  /** The room this display stays paired to while setup is re-opened. */
  roomName: string;
  locale: string;
  timeZone: string;
  hourCycle: 'h12' | 'h23';
  t: Strings;
  badge: string | null;
}

/** The room's zone may be unknown before pairing: the device's own zone then tells the time. */
function safeTimeFormat(locale: string, timeZone: string, hourCycle: 'h12' | 'h23'): TimeFormat {
  try {
    return timeFormat(locale, timeZone, hourCycle);
  } catch {
    return timeFormat(locale, Intl.DateTimeFormat().resolvedOptions().timeZone, hourCycle);
  }
}

/**
 * The whole screen while the display waits to be paired: the admin stands at the door with a
 * phone, scans the QR code (a LAN page with a one-time token) or types the short code at the
 * address. Everything from the core is rendered as text; the address is never a link.
 */
export function SetupPromptView({ setup, roomName, locale, timeZone, hourCycle, t, badge }: Props) {
  const s = t.setup;
  const now = useClock(1000);
  const fmt = useMemo(() => safeTimeFormat(locale, timeZone, hourCycle), [locale, timeZone, hourCycle]);
  const left = secondsUntil(setup.expiresAt, now);
  const expired = left === 0;
  const locked = setup.lockedUntil !== null;
  // A phone opens whatever it reads: only a web page is offered (the LAN setup page is plain http).
  // While locked the code is gone altogether, so nobody scans into a page that refuses them.
  const scannable = /^https?:\/\//i.test(setup.url) && !locked;
  const lockedAt = setup.lockedUntil === null ? '' : Number.isFinite(Date.parse(setup.lockedUntil)) ? fmt.time(setup.lockedUntil) : setup.lockedUntil;

  return (
    <div
      class={`setup-prompt${locked ? ' is-locked' : ''}${expired ? ' is-expired' : ''}`}
      data-testid="setup-prompt"
      data-locked={String(locked)}
      data-expired={String(expired)}
      style={{ '--panel-bg': PANEL_THEME.background, '--panel-text': PANEL_THEME.text, '--panel-muted': PANEL_THEME.muted }}
    >
      <header class="setup-header">
        <div class="setup-device-row">
          <div class="setup-device" data-testid="setup-device">
            {s.device} <bdi>{setup.deviceName}</bdi>
          </div>
          {badge ? (
            <div class="badge" role="status" data-testid="offline-badge">
              {badge}
            </div>
          ) : null}
        </div>
        <h1 class="setup-title" data-testid="setup-title">
          {s.title}
        </h1>
      </header>

      <div class="setup-body">
        {scannable ? (
          <div class="setup-scan" data-testid="setup-scan">
            {s.scan}
          </div>
        ) : null}
        <div class="setup-address" data-testid="setup-address">
          {s.orOpen}{' '}
          <bdi class="setup-address-url" dir="ltr">
            {setup.address}
          </bdi>{' '}
          {s.andType}
        </div>
        <div class="setup-code" dir="ltr" data-testid="setup-code">
          {setup.code}
        </div>
      </div>

      <div class="setup-side">
        {locked ? (
          <div class="setup-locked" role="alert" data-testid="setup-locked">
            {s.locked(lockedAt)}
          </div>
        ) : scannable ? (
          <QrCode text={setup.url} label={setup.address} class="setup-qr-code" testId="setup-qr" />
        ) : null}
      </div>

      <footer class="setup-footer">
        {left === null || locked ? null : (
          <div class="setup-countdown" role="timer" data-testid="setup-countdown" data-seconds={left}>
            {expired ? s.expired : s.expiresIn(formatCountdown(left))}
          </div>
        )}
        {setup.reopened ? (
          <div class="setup-reopened" data-testid="setup-reopened">
            {s.reopened} {s.keepsPairing.before} <bdi class="setup-reopened-room">{roomName}</bdi> {s.keepsPairing.after}
          </div>
        ) : null}
      </footer>
    </div>
  );
}
