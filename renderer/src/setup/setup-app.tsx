import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiError, SetupDoneJson } from '../../../src/api/contract.js';
import { BlockedView } from './components/blocked-view.js';
import { CodeForm } from './components/code-form.js';
import { DoneView } from './components/done-view.js';
import { SetupSession } from './components/setup-session.js';
import { createSetupApi } from './setup-api.js';
import { presentError, type ShownError } from './setup-errors.js';
import { forgetToken, rememberToken, takeToken, type TokenStorage } from './setup-token.js';

interface Props {
  initialToken: string | null;
  storage: TokenStorage;
}

/**
 * The setup page: asks for the code when there is no token, replaces itself with an explanation
 * when the token is dead, and otherwise runs the steps. Page-wide refusals are routed here so a
 * step never has to know what an expired token means.
 */
export function SetupApp({ initialToken, storage }: Props) {
  const [token, setToken] = useState<string | null>(initialToken);
  const [blocked, setBlocked] = useState<ShownError | null>(null);
  const [codeError, setCodeError] = useState<ShownError | null>(null);
  const [done, setDone] = useState<SetupDoneJson | null>(null);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const doneRef = useRef(false);

  const api = useMemo(() => createSetupApi({ token: () => tokenRef.current }), []);

  const switchToken = useCallback(
    (next: string | null): void => {
      if (next) rememberToken(storage, next);
      else forgetToken(storage);
      tokenRef.current = next;
      setToken(next);
    },
    [storage],
  );

  const triage = useCallback(
    (error: ApiError): ShownError | null => {
      // After pairing the server is gone and the token spent: late answers change nothing.
      if (doneRef.current) return null;
      const shown = presentError(error);
      if (shown.placement === 'blocked') {
        forgetToken(storage);
        setBlocked(shown);
        return null;
      }
      if (shown.placement === 'code') {
        setCodeError(shown);
        switchToken(null);
        return shown;
      }
      return shown.placement === 'ignore' ? null : shown;
    },
    [storage, switchToken],
  );

  // Scanning the display's QR code again with this tab open changes only the fragment.
  useEffect(() => {
    const onHash = (): void => {
      const taken = takeToken(location.hash, storage);
      if (!taken.fromFragment || !taken.token) return;
      history.replaceState(history.state, '', location.pathname + location.search);
      doneRef.current = false;
      setDone(null);
      setBlocked(null);
      setCodeError(null);
      switchToken(taken.token);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [storage, switchToken]);

  const finish = useCallback(
    (value: SetupDoneJson): void => {
      doneRef.current = true;
      forgetToken(storage);
      setDone(value);
    },
    [storage],
  );

  if (done) return <DoneView done={done} />;
  if (blocked) {
    return (
      <BlockedView
        error={blocked}
        onTypeCode={() => {
          setBlocked(null);
          setCodeError(null);
          switchToken(null);
        }}
      />
    );
  }
  if (!token) {
    return <CodeForm api={api} initialError={codeError} triage={triage} onToken={(t) => {
      setCodeError(null);
      switchToken(t);
    }} />;
  }
  // A new token is a new setup: nothing of the old one's screens carries over.
  return <SetupSession key={token} api={api} storage={storage} triage={triage} onDone={finish} />;
}
