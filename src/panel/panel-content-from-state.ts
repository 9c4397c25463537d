import type { MeetingJson, RoomStateJson } from '../api/contract.js';
import type { DoorContent, PanelContent, SetupContent } from '../../hardware/eink/panel-content.js';
import { panelWords, type PanelWords } from './panel-words.js';

const MAX_NEXT = 3;

function formatters(state: RoomStateJson): { time: (iso: string) => string; date: (iso: string) => string } {
  const { locale, hourCycle } = state.display;
  const timeZone = state.room.timeZone;
  // 24-hour clocks read "09:30" on every door; 12-hour ones "9:30 AM".
  const time = new Intl.DateTimeFormat(locale, { hour: hourCycle === 'h23' ? '2-digit' : 'numeric', minute: '2-digit', hourCycle, timeZone });
  const date = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone });
  return { time: (iso) => time.format(new Date(iso)), date: (iso) => date.format(new Date(iso)) };
}

/**
 * What the e-paper panel shows for a RoomState. Nothing here changes by the minute on its own
 * (no clock, no "in 5 min"): every redraw of an e-paper panel flashes and wears it, so only real
 * news redraws.
 */
export function panelContentFromState(state: RoomStateJson): PanelContent {
  const words = panelWords(state.display.locale);
  const f = formatters(state);
  if (state.setup) return setupContent(state, words, f.time);
  if (state.signIn) return signInContent(state, words, f.time);
  return doorContent(state, words, f);
}

function subjectOf(m: MeetingJson, words: PanelWords): string {
  return m.isPrivate ? words.privateMeeting : m.subject;
}

function doorContent(state: RoomStateJson, words: PanelWords, f: ReturnType<typeof formatters>): DoorContent {
  const span = (m: MeetingJson): string => `${f.time(m.start)}–${f.time(m.end)}`;
  const detail = (): string => {
    switch (state.status) {
      case 'free':
        return state.freeUntil ? words.until(f.time(state.freeUntil)) : words.restOfDay;
      case 'busy':
        return state.busyUntil ? words.until(f.time(state.busyUntil)) : '';
      case 'soon':
        return state.next ? words.startsAt(f.time(state.next.start)) : '';
      case 'awaiting-checkin':
        return state.checkIn ? words.checkInBy(f.time(state.checkIn.closesAt)) : '';
    }
  };
  const now = Date.parse(state.generatedAt);
  const currentId = state.current?.id;
  const next = state.agenda
    .filter((m) => !m.isAllDay && !m.isCancelled && m.id !== currentId && Date.parse(m.start) >= now)
    .slice(0, MAX_NEXT)
    .map((m) => ({ time: span(m), subject: subjectOf(m, words) }));
  return {
    kind: 'door',
    roomName: state.room.name,
    status: state.status,
    statusWord: words.status[state.status],
    statusDetail: detail(),
    current: state.current ? { time: span(state.current), subject: subjectOf(state.current, words) } : null,
    nextHeading: words.next,
    next,
    emptyNext: words.noMoreToday,
    date: f.date(state.generatedAt),
    notice: noticeOf(state, words, f.time),
  };
}

/** A door action on its way beats the offline line: it is what the person at the door waits for. */
function noticeOf(state: RoomStateJson, words: PanelWords, time: (iso: string) => string): string | null {
  const pending = state.activity.find((a) => a.phase === 'queued' || a.phase === 'sending' || a.phase === 'waiting-for-room');
  if (pending) return words.phase[pending.phase] ?? pending.message;
  const finished = state.activity[0];
  if (finished && (finished.phase === 'failed' || finished.phase === 'done')) return finished.message;
  if (!state.sync.online) return state.sync.lastSuccessAt ? words.offline(time(state.sync.lastSuccessAt)) : words.offlineNever;
  return null;
}

function signInContent(state: RoomStateJson, words: PanelWords, time: (iso: string) => string): SetupContent {
  const prompt = state.signIn;
  if (!prompt) throw new Error('signInContent without a sign-in prompt');
  const url = prompt.verificationUri.replace(/^https:\/\//, '');
  return {
    kind: 'setup',
    roomName: state.room.name,
    title: words.signInTitle,
    qrText: prompt.verificationUri,
    lines: [words.code(prompt.userCode), url, ...(prompt.account ? [words.signInAs(prompt.account)] : []), words.expiresAt(time(prompt.expiresAt))],
  };
}

/** Unpaired: the QR code to the setup page, the code to type instead, and where to type it. */
function setupContent(state: RoomStateJson, words: PanelWords, time: (iso: string) => string): SetupContent {
  const setup = state.setup;
  if (!setup) throw new Error('setupContent without a setup prompt');
  const address = setup.address.replace(/^http:\/\//, '');
  if (setup.lockedUntil) {
    // The code to type is useless while locked; the QR code stays, and the phone explains the lock.
    return { kind: 'setup', roomName: setup.deviceName, title: words.setupTitle, qrText: setup.url, lines: [words.setupLocked(time(setup.lockedUntil)), words.setupDevice(setup.deviceName)] };
  }
  return {
    kind: 'setup',
    roomName: setup.deviceName,
    title: words.setupTitle,
    qrText: setup.url,
    lines: [words.code(setup.code), address, words.setupDevice(setup.deviceName), ...(setup.reopened ? [words.setupReopened] : []), words.expiresAt(time(setup.expiresAt))],
  };
}
