import { useEffect, useMemo, useState } from 'preact/hooks';
import type { RoomStateJson } from '../../src/api/contract.js';
import { Agenda } from './components/agenda.js';
import { DevOverlay } from './components/dev-overlay.js';
import { StatusPanel } from './components/status-panel.js';
import { timeFormat } from './format.js';
import { stringsFor } from './i18n.js';
import { PANEL_THEME, STATUS_THEME } from './theme.js';
import { followState } from './transport.js';
import { useMinuteClock } from './use-minute-clock.js';

function DoorView({ state, connected }: { state: RoomStateJson; connected: boolean }) {
  const now = useMinuteClock();
  const t = stringsFor(state.display.locale);
  const fmt = useMemo(
    () => timeFormat(state.display.locale, state.room.timeZone, state.display.hourCycle),
    [state.display.locale, state.room.timeZone, state.display.hourCycle],
  );
  useEffect(() => {
    document.documentElement.lang = state.display.locale;
  }, [state.display.locale]);

  const badge = !connected
    ? t.connectionLost
    : state.sync.online
      ? null
      : state.sync.lastSuccessAt
        ? t.offline(fmt.time(state.sync.lastSuccessAt))
        : t.offlineNever;
  const theme = STATUS_THEME[state.status];
  const showOverlay = state.display.devOverlay || new URLSearchParams(location.search).has('dev');

  return (
    <div
      class="door"
      data-testid="door"
      style={{
        '--status-bg': theme.background,
        '--status-text': theme.text,
        '--panel-bg': PANEL_THEME.background,
        '--panel-text': PANEL_THEME.text,
        '--panel-muted': PANEL_THEME.muted,
        '--time-column': state.display.hourCycle === 'h12' ? '9.6em' : '6.4em',
      }}
    >
      <StatusPanel state={state} now={now} fmt={fmt} t={t} badge={badge} />
      <aside class="side">
        <div class="clock" data-testid="clock">
          {fmt.time(now)}
        </div>
        <div class="date" data-testid="date">
          {fmt.date(now)}
        </div>
        <Agenda agenda={state.agenda} now={now} fmt={fmt} t={t} currentId={state.current?.id ?? null} />
      </aside>
      {showOverlay ? <DevOverlay leds={state.leds} /> : null}
    </div>
  );
}

export function App() {
  const [state, setState] = useState<RoomStateJson | null>(null);
  const [connected, setConnected] = useState(true);
  useEffect(() => followState({ onState: setState, onConnection: setConnected }), []);
  if (!state) {
    return (
      <div class="boot" data-testid="boot">
        {stringsFor(navigator.language).starting}
      </div>
    );
  }
  return <DoorView state={state} connected={connected} />;
}
