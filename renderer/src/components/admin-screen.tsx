import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AdminCommand, ApiResult, DiagnosticsJson } from '../../../src/api/contract.js';
import { fetchDiagnostics, sendAdminCommand, UNREACHABLE_CODE } from '../admin-api.js';
import type { AdminStrings } from '../i18n.js';
import { useIdleTimeout } from '../use-admin-request.js';

/** The admin screen closes after this long without a touch: nobody leaves it open on a door. */
export const ADMIN_IDLE_MS = 120_000;

/** The core's answer when the session the PIN opened has run out or was never valid. */
export const SESSION_INVALID = 'SESSION_INVALID';

interface Props {
  a: AdminStrings;
  session: string;
  locale: string;
  timeZone: string;
  hourCycle: 'h12' | 'h23';
  /** The session ran out: back to the PIN pad, saying why. */
  onSessionInvalid: (message: string) => void;
  onClose: () => void;
}

type Load = { kind: 'loading' } | { kind: 'ready'; d: DiagnosticsJson } | { kind: 'failed'; message: string };

const COMMANDS: readonly AdminCommand[] = ['reopen-setup', 'change-room', 'restart', 'factory-reset'];

/** Date and time in the room's zone; falls back to the device's zone when the room has none yet. */
function dateTimeFormat(locale: string, timeZone: string, hourCycle: 'h12' | 'h23'): (iso: string) => string {
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle, timeZone });
  } catch {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle });
  }
  return (iso) => {
    const at = Date.parse(iso);
    return Number.isFinite(at) ? f.format(at) : iso;
  };
}

function Field({ label, testId, children }: { label: string; testId: string; children: ComponentChildren }) {
  return (
    <div class="admin-field">
      <dt class="admin-field-label">{label}</dt>
      <dd class="admin-field-value" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function Details({ d, a, when }: { d: DiagnosticsJson; a: AdminStrings; when: (iso: string) => string }) {
  const v = d.versions;
  return (
    <section class="admin-details" data-testid="admin-details">
      <dl class="admin-fields">
        <Field label={a.fields.device} testId="admin-device">
          <bdi>{d.deviceName}</bdi>
        </Field>
        <Field label={a.fields.addresses} testId="admin-addresses">
          {d.addresses.length > 0 ? d.addresses.map((addr) => <div key={addr} dir="ltr">{addr}</div>) : a.noAddress}
        </Field>
        <Field label={a.fields.room} testId="admin-room">
          {d.room ? (
            <>
              <div dir="auto">{d.room.name}</div>
              <div class="admin-muted" dir="ltr">
                {d.room.email}
              </div>
            </>
          ) : (
            a.notPaired
          )}
        </Field>
        <Field label={a.fields.signedInAs} testId="admin-signed-in-as">
          <bdi>{d.signedInAs}</bdi>
        </Field>
        <Field label={a.fields.pairedAt} testId="admin-paired-at">
          {d.pairedAt ? when(d.pairedAt) : a.notPaired}
        </Field>
        <Field label={a.fields.lastSync} testId="admin-last-sync">
          {d.lastSyncAt ? when(d.lastSyncAt) : a.never}
        </Field>
        <Field label={a.fields.connection} testId="admin-online">
          <span class={`admin-online${d.online ? ' is-online' : ' is-offline'}`}>{d.online ? a.online : a.offline}</span>
        </Field>
        <Field label={a.fields.versions} testId="admin-versions">
          <span dir="ltr">
            Lintel {v.lintel} · Node {v.node}
            {v.electron ? ` · Electron ${v.electron}` : ''}
          </span>
        </Field>
      </dl>
      <h3 class="admin-subtitle">{a.errors}</h3>
      {d.errors.length > 0 ? (
        <ul class="admin-errors" data-testid="admin-errors">
          {d.errors.map((e, i) => (
            <li key={`${e.at}-${i}`} class="admin-error">
              <span class="admin-error-at">{when(e.at)}</span> {e.message}
            </li>
          ))}
        </ul>
      ) : (
        <p class="admin-muted" data-testid="admin-errors">
          {a.noErrors}
        </p>
      )}
    </section>
  );
}

function Checks({ d, a }: { d: DiagnosticsJson; a: AdminStrings }) {
  return (
    <section class="admin-checks-section">
      <h3 class="admin-subtitle">{a.checks}</h3>
      {d.checks.length > 0 ? (
        <ul class="admin-checks" data-testid="admin-checks">
          {d.checks.map((c) => (
            <li key={c.id} class="admin-check" data-testid="admin-check" data-id={c.id} data-status={c.status}>
              <span class={`check-status check-${c.status.toLowerCase()}`}>{a.checkStatus[c.status]}</span>
              <div class="admin-check-body">
                <div class="admin-check-name">{c.name}</div>
                <div class="admin-check-title">{c.title}</div>
                {c.fix && (c.status === 'WARN' || c.status === 'FAIL') ? <div class="admin-check-fix">{c.fix}</div> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="admin-muted" data-testid="admin-checks">
          {a.noChecks}
        </p>
      )}
    </section>
  );
}

/**
 * What is wrong with this display and what to do about it, behind the PIN: the device, its room,
 * its account and the doctor's checks, and the few commands staff need at the door.
 */
export function AdminScreen({ a, session, locale, timeZone, hourCycle, onSessionInvalid, onClose }: Props) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState<AdminCommand | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const touch = useIdleTimeout(ADMIN_IDLE_MS, onClose);
  const when = useMemo(() => dateTimeFormat(locale, timeZone, hourCycle), [locale, timeZone, hourCycle]);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  const invalid = useRef(onSessionInvalid);
  invalid.current = onSessionInvalid;

  const refusal = (result: ApiResult<unknown>): string | null => {
    if (result.ok) return null;
    return result.error.code === UNREACHABLE_CODE ? a.unreachable : result.error.message;
  };

  useEffect(() => {
    let current = true;
    setLoad({ kind: 'loading' });
    void fetchDiagnostics(session).then((result) => {
      if (!current) return;
      if (result.ok) setLoad({ kind: 'ready', d: result.value });
      else if (result.error.code === SESSION_INVALID) invalid.current(result.error.message);
      else setLoad({ kind: 'failed', message: result.error.code === UNREACHABLE_CODE ? a.unreachable : result.error.message });
    });
    return () => {
      current = false;
    };
  }, [session, attempt, a]);

  const run = (command: AdminCommand): void => {
    if (pending) return;
    setConfirming(false);
    setPending(command);
    setMessage(null);
    void sendAdminCommand(session, command).then((result) => {
      if (!alive.current) return;
      setPending(null);
      if (!result.ok && result.error.code === SESSION_INVALID) {
        onSessionInvalid(result.error.message);
        return;
      }
      setMessage(result.ok ? { text: result.value.message, ok: true } : { text: refusal(result) ?? '', ok: false });
    });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      touch();
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [touch, onClose]);

  const deviceName = load.kind === 'ready' ? load.d.deviceName : null;

  return (
    <section
      class="admin-layer admin-screen"
      role="dialog"
      aria-modal="true"
      aria-labelledby="admin-title"
      data-testid="admin-screen"
      data-state={load.kind}
      onPointerDown={touch}
    >
      <header class="admin-header">
        <h2 class="admin-title" id="admin-title">
          {a.title}
          {deviceName ? (
            <>
              {' · '}
              <bdi class="admin-title-device">{deviceName}</bdi>
            </>
          ) : null}
        </h2>
        {load.kind === 'ready' ? (
          <button type="button" class="touch admin-button" data-testid="admin-recheck" onClick={() => setAttempt((n) => n + 1)}>
            {a.recheck}
          </button>
        ) : null}
        <button type="button" class="touch admin-button admin-close" data-testid="admin-close" onClick={onClose}>
          {a.close}
        </button>
      </header>

      <div class="admin-body" onScroll={touch}>
        {load.kind === 'loading' ? (
          <div class="admin-loading" role="status" data-testid="admin-loading">
            {a.running}
          </div>
        ) : load.kind === 'failed' ? (
          <div class="admin-failed" role="alert" data-testid="admin-failed">
            <p>{load.message}</p>
            <button type="button" class="touch admin-button" data-testid="admin-retry" onClick={() => setAttempt((n) => n + 1)}>
              {a.retry}
            </button>
          </div>
        ) : (
          <div class="admin-columns">
            <Details d={load.d} a={a} when={when} />
            <Checks d={load.d} a={a} />
          </div>
        )}
      </div>

      {pending || message ? (
        <div class={`admin-message${message && !message.ok ? ' is-error' : ''}`} role="status" data-testid="admin-message">
          {pending ? a.working : message?.text}
        </div>
      ) : null}

      {confirming ? (
        <div class="admin-confirm" role="alertdialog" aria-labelledby="admin-confirm-title" aria-describedby="admin-confirm-text" data-testid="admin-factory-reset-dialog">
          <div class="admin-confirm-words">
            <div class="admin-confirm-title" id="admin-confirm-title">
              {a.factoryResetTitle}
            </div>
            <div class="admin-confirm-text" id="admin-confirm-text">
              {a.factoryResetWarning}
            </div>
          </div>
          <div class="admin-confirm-buttons">
            <button type="button" class="touch admin-button" data-testid="admin-factory-reset-cancel" onClick={() => setConfirming(false)}>
              {a.factoryResetNo}
            </button>
            <button type="button" class="touch admin-button admin-danger-strong" data-testid="admin-factory-reset-confirm" onClick={() => run('factory-reset')}>
              {a.factoryResetYes}
            </button>
          </div>
        </div>
      ) : (
        <div class="admin-commands">
          {COMMANDS.map((command) => (
            <button
              key={command}
              type="button"
              class={`touch admin-button admin-command${command === 'factory-reset' ? ' admin-danger' : ''}${pending === command ? ' is-busy' : ''}`}
              data-testid={`admin-${command}`}
              disabled={pending !== null}
              onClick={() => (command === 'factory-reset' ? setConfirming(true) : run(command))}
            >
              {a.commands[command]}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
