import { useState } from 'preact/hooks';
import type { Strings } from '../i18n.js';
import { PANEL_THEME } from '../theme.js';
import { AdminPinPad } from './admin-pin-pad.js';
import { AdminScreen } from './admin-screen.js';

type Stage = { kind: 'pin'; notice: string | null } | { kind: 'admin'; session: string };

interface Props {
  t: Strings;
  locale: string;
  timeZone: string;
  hourCycle: 'h12' | 'h23';
  onClose: () => void;
}

/**
 * The PIN pad, then the admin screen, over whatever the door shows (the room, a sign-in or the
 * setup prompt): a layer of its own, so the view underneath keeps following the core.
 */
export function AdminOverlay({ t, locale, timeZone, hourCycle, onClose }: Props) {
  const [stage, setStage] = useState<Stage>({ kind: 'pin', notice: null });
  return (
    <div
      class="admin-overlay"
      data-testid="admin-overlay"
      style={{ '--panel-bg': PANEL_THEME.background, '--panel-text': PANEL_THEME.text, '--panel-muted': PANEL_THEME.muted }}
    >
      {stage.kind === 'pin' ? (
        <AdminPinPad a={t.admin} notice={stage.notice} onUnlocked={(session) => setStage({ kind: 'admin', session })} onCancel={onClose} />
      ) : (
        <AdminScreen
          a={t.admin}
          session={stage.session}
          locale={locale}
          timeZone={timeZone}
          hourCycle={hourCycle}
          onSessionInvalid={(notice) => setStage({ kind: 'pin', notice })}
          onClose={onClose}
        />
      )}
    </div>
  );
}
