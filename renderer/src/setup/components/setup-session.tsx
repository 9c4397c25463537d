import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError, SetupDoneJson, SetupSignInRequest, SetupStatusJson } from '../../../../src/api/contract.js';
import type { SetupApi } from '../setup-api.js';
import type { ShownError } from '../setup-errors.js';
import {
  checksVerdict,
  indicatorStep,
  looksLikeStatus,
  pollPeriod,
  resumeScreen,
  signInJustFinished,
  type SetupScreen,
} from '../setup-flow.js';
import { recallRoom, rememberRoom, type ChosenRoom, type TokenStorage } from '../setup-token.js';
import { usePoll } from '../use-poll.js';
import { ChecksStep } from './checks-step.js';
import { ErrorBox } from './error-box.js';
import { RoomStep } from './room-step.js';
import { SetupHeader } from './setup-header.js';
import { SignInStep } from './sign-in-step.js';
import { StepIndicator } from './step-indicator.js';

interface Props {
  api: SetupApi;
  storage: TokenStorage;
  /** Routes a refusal: page-wide ones (expired, used, locked, bad token) are handled above; returns the rest. */
  triage(error: ApiError): ShownError | null;
  onDone(done: SetupDoneJson): void;
}

type ChecksStart = 'idle' | 'starting' | 'failed';

/**
 * Setup with a token in hand: the display's status, which screen is up, and the polling that
 * follows what happens on the display. The status is the one truth about the sign-in and the
 * checks; this keeps only what the page chose (screen, room).
 */
export function SetupSession({ api, storage, triage, onDone }: Props) {
  const [status, setStatus] = useState<SetupStatusJson | null>(null);
  const [loadError, setLoadError] = useState<ShownError | null>(null);
  const [loadAttempt, setLoadAttempt] = useState(0);
  const [screen, setScreen] = useState<SetupScreen>('sign-in');
  const [room, setRoom] = useState<ChosenRoom | null>(() => recallRoom(storage));
  const [checksStart, setChecksStart] = useState<ChecksStart>('idle');
  const [checksError, setChecksError] = useState<ShownError | null>(null);
  const [pollError, setPollError] = useState<ShownError | null>(null);

  const statusRef = useRef<SetupStatusJson | null>(null);
  const screenRef = useRef(screen);
  screenRef.current = screen;
  const roomRef = useRef(room);
  roomRef.current = room;
  /** Counts check runs, so the answer of one the admin walked away from changes nothing. */
  const checksRun = useRef(0);

  const applyStatus = useCallback((next: SetupStatusJson): void => {
    const previous = statusRef.current;
    statusRef.current = next;
    setStatus(next);
    if (screenRef.current === 'sign-in' && signInJustFinished(previous, next)) setScreen('room');
  }, []);

  useEffect(() => {
    let live = true;
    setLoadError(null);
    void api.status().then((result) => {
      if (!live) return;
      if (!result.ok) {
        setLoadError(triage(result.error));
        return;
      }
      statusRef.current = result.value;
      setStatus(result.value);
      setScreen(resumeScreen(result.value, roomRef.current));
    });
    return () => {
      live = false;
    };
  }, [api, triage, loadAttempt]);

  // Each screen starts at its top: on a phone the previous one was scrolled to its button.
  useEffect(() => window.scrollTo(0, 0), [screen]);

  const verdict = status && room ? checksVerdict(status.checks, room.email) : 'pending';

  usePoll(pollPeriod(screen, status, verdict, checksStart), async () => {
    const result = await api.status();
    if (result.ok) {
      setPollError(null);
      applyStatus(result.value);
    } else {
      setPollError(triage(result.error));
    }
  });

  const signIn = useCallback(
    async (request: SetupSignInRequest): Promise<ShownError | null> => {
      const result = await api.signIn(request);
      if (!result.ok) return triage(result.error);
      applyStatus(result.value);
      // App credentials answer at once; a delegated sign-in answers "waiting" and polling takes over.
      if (result.value.signIn.state === 'signed-in') setScreen('room');
      return null;
    },
    [api, triage, applyStatus],
  );

  const startChecks = useCallback(
    async (chosen: ChosenRoom): Promise<void> => {
      const run = ++checksRun.current;
      setChecksError(null);
      setChecksStart('starting');
      const result = await api.check({ roomEmail: chosen.email });
      if (run !== checksRun.current) return;
      if (!result.ok) {
        setChecksError(triage(result.error));
        setChecksStart('failed');
        return;
      }
      // The display marks the checks as running before it answers, so one status read shows this run.
      if (looksLikeStatus(result.value)) {
        applyStatus(result.value);
      } else {
        const fresh = await api.status();
        if (run !== checksRun.current) return;
        if (fresh.ok) applyStatus(fresh.value);
      }
      setChecksStart('idle');
    },
    [api, triage, applyStatus],
  );

  const chooseRoom = (chosen: ChosenRoom): void => {
    setRoom(chosen);
    rememberRoom(storage, chosen);
    setScreen('checks');
    void startChecks(chosen);
  };

  const pair = async (pin: string): Promise<ShownError | null> => {
    if (!room) return null;
    const result = await api.confirm({ roomEmail: room.email, roomName: room.name, pin });
    if (!result.ok) return triage(result.error);
    onDone(result.value);
    return null;
  };

  if (!status) {
    return (
      <main class="setup-page">
        {loadError ? (
          <section class="card">
            <ErrorBox error={loadError} />
            <button type="button" class="button primary" data-testid="setup-retry" onClick={() => setLoadAttempt((n) => n + 1)}>
              Try again
            </button>
          </section>
        ) : (
          <p class="loading" data-testid="setup-loading">
            <span class="spinner" aria-hidden="true" /> Connecting to the display…
          </p>
        )}
      </main>
    );
  }

  const shownScreen: SetupScreen = screen === 'checks' && !room ? 'room' : screen;

  return (
    <main class="setup-page" data-screen={shownScreen}>
      <SetupHeader status={status} />
      <StepIndicator current={indicatorStep(shownScreen, verdict)} />
      <ErrorBox error={pollError} />
      {shownScreen === 'sign-in' ? <SignInStep status={status} onSubmit={signIn} onContinue={() => setScreen('room')} /> : null}
      {shownScreen === 'room' ? (
        <RoomStep api={api} signIn={status.signIn} triage={triage} onChoose={chooseRoom} onBack={() => setScreen('sign-in')} />
      ) : null}
      {shownScreen === 'checks' && room ? (
        <ChecksStep
          status={status}
          room={room}
          starting={checksStart === 'starting'}
          startError={checksError}
          onRunAgain={() => void startChecks(room)}
          onPair={pair}
          onBack={() => {
            // Leaving drops any run in flight; its answer must not pull the page back.
            checksRun.current += 1;
            setChecksStart('idle');
            setScreen('room');
          }}
        />
      ) : null}
    </main>
  );
}
