import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { BookingOptionJson, RoomStateJson } from '../../src/api/contract.js';
import { ActivityBanner } from './components/activity-banner.js';
import { AdminOverlay } from './components/admin-overlay.js';
import { PIN_IDLE_MS } from './components/admin-pin-pad.js';
import { Agenda } from './components/agenda.js';
import { BookingSheet } from './components/booking-sheet.js';
import { DoorControls } from './components/door-controls.js';
import { DevOverlay } from './components/dev-overlay.js';
import { NoticeStrip } from './components/notice-strip.js';
import { SetupPromptView } from './components/setup-prompt-view.js';
import { SignInView } from './components/sign-in-view.js';
import { StatusPanel } from './components/status-panel.js';
import { bookRequest } from './door-actions.js';
import { timeFormat } from './format.js';
import { stringsFor, type Strings } from './i18n.js';
import { NOTICE_THEME, PANEL_THEME, STATUS_THEME } from './theme.js';
import { followState } from './transport.js';
import { useAdminRequest } from './use-admin-request.js';
import { newTransactionId, useDoorActions } from './use-door-actions.js';
import { useLongPress } from './use-long-press.js';
import { useMinuteClock } from './use-minute-clock.js';

function DoorView({ state, connected, t, onAdminGesture }: { state: RoomStateJson; connected: boolean; t: Strings; onAdminGesture: () => void }) {
  const now = useMinuteClock();
  const fmt = useMemo(
    () => timeFormat(state.display.locale, state.room.timeZone, state.display.hourCycle),
    [state.display.locale, state.room.timeZone, state.display.hourCycle],
  );

  const badge = !connected
    ? t.connectionLost
    : state.sync.online
      ? null
      : state.sync.lastSuccessAt
        ? t.offline(fmt.time(state.sync.lastSuccessAt))
        : t.offlineNever;
  const theme = STATUS_THEME[state.status];
  const showOverlay = state.display.devOverlay || new URLSearchParams(location.search).has('dev');
  const hasNotices = state.notices.length > 0;

  const actions = useDoorActions(state);
  const [sheetOpen, setSheetOpen] = useState(false);
  const closeSheet = useCallback(() => setSheetOpen(false), []);
  const bookable = state.actions.book.length > 0;
  // The room was taken (or went offline) while the sheet was open: its choices are gone with it.
  useEffect(() => {
    if (!bookable) setSheetOpen(false);
  }, [bookable]);
  const choose = (option: BookingOptionJson, name: string): void => {
    setSheetOpen(false);
    if (!actions.busy('book')) actions.send(bookRequest(option, name, newTransactionId()));
  };
  // Staff hold the room name for 5 s to reach the PIN pad; nothing on screen hints at it.
  const adminGesture = useLongPress(onAdminGesture, { selector: '.room-name' });

  return (
    <div
      class={`door${hasNotices ? ' has-notices' : ''}`}
      data-testid="door"
      {...adminGesture}
      style={{
        '--status-bg': theme.background,
        '--status-text': theme.text,
        '--panel-bg': PANEL_THEME.background,
        '--panel-text': PANEL_THEME.text,
        '--panel-muted': PANEL_THEME.muted,
        '--time-column': state.display.hourCycle === 'h12' ? '9.6em' : '6.4em',
        '--notice-bg': NOTICE_THEME.background,
        '--notice-text': NOTICE_THEME.text,
        '--notice-warning-bg': NOTICE_THEME.marker.warning.background,
        '--notice-warning-text': NOTICE_THEME.marker.warning.text,
        '--notice-error-bg': NOTICE_THEME.marker.error.background,
        '--notice-error-text': NOTICE_THEME.marker.error.text,
      }}
    >
      <StatusPanel state={state} now={now} fmt={fmt} t={t} badge={badge}>
        <DoorControls state={state} t={t} actions={actions} onBook={() => setSheetOpen(true)} />
        <ActivityBanner a={t.actions} fmt={fmt} actions={actions} now={now} />
        {sheetOpen && bookable ? (
          <BookingSheet options={state.actions.book} askName={state.actions.askName} fmt={fmt} t={t} onChoose={choose} onClose={closeSheet} />
        ) : null}
      </StatusPanel>
      <aside class="side">
        <div class="clock" data-testid="clock">
          {fmt.time(now)}
        </div>
        <div class="date" data-testid="date">
          {fmt.date(now)}
        </div>
        <Agenda agenda={state.agenda} now={now} fmt={fmt} t={t} currentId={state.current?.id ?? null} />
      </aside>
      {hasNotices ? <NoticeStrip notices={state.notices} t={t} /> : null}
      {showOverlay ? <DevOverlay leds={state.leds} /> : null}
    </div>
  );
}

export function App() {
  const [state, setState] = useState<RoomStateJson | null>(null);
  const [connected, setConnected] = useState(true);
  useEffect(() => followState({ onState: setState, onConnection: setConnected }), []);
  const locale = state?.display.locale;
  useEffect(() => {
    if (locale) document.documentElement.lang = locale;
  }, [locale]);
  const [adminOpen, setAdminOpen] = useState(false);
  const openAdmin = useCallback(() => setAdminOpen(true), []);
  const closeAdmin = useCallback(() => setAdminOpen(false), []);
  // A long press of a hardware button: the core stamps the time, the door opens the PIN pad once for it.
  useAdminRequest(state?.adminRequestedAt ?? null, PIN_IDLE_MS, openAdmin);
  if (!state) {
    return (
      <div class="boot" data-testid="boot">
        {stringsFor(navigator.language).starting}
      </div>
    );
  }
  const t = stringsFor(state.display.locale);
  const badge = connected ? null : t.connectionLost;
  const { locale: lang, hourCycle } = state.display;
  // Setup (unpaired, or re-opened by an admin) takes the whole screen; so does a pending sign-in:
  // until it is done the calendar is not trustworthy anyway.
  const view = state.setup ? (
    <SetupPromptView setup={state.setup} roomName={state.room.name} locale={lang} timeZone={state.room.timeZone} hourCycle={hourCycle} t={t} badge={badge} />
  ) : state.signIn ? (
    <SignInView prompt={state.signIn} roomName={state.room.name} t={t} badge={badge} />
  ) : (
    <DoorView state={state} connected={connected} t={t} onAdminGesture={openAdmin} />
  );
  return (
    <>
      {view}
      {adminOpen ? <AdminOverlay t={t} locale={lang} timeZone={state.room.timeZone} hourCycle={hourCycle} onClose={closeAdmin} /> : null}
    </>
  );
}
