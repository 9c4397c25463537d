import type { CheckLineJson } from '../api/contract.js';
import { CONFIG_EXIT_CODE } from '../config/load-config.js';

export type CheckStatus = 'PASS' | 'WARN' | 'FAIL';

/** The checks, in the order an admin should work through them: a later one often fails because of an earlier one. */
export type CheckId =
  | 'config'
  | 'data-dir'
  | 'calendar'
  | 'credential'
  | 'clock'
  | 'sign-in'
  | 'mailbox'
  | 'write'
  | 'subjects'
  | 'time-zone'
  | 'expiry';

export interface DoctorLine {
  readonly id: CheckId;
  readonly status: CheckStatus;
  /** What was checked and found, short: it shares a line with the status. */
  readonly title: string;
  /** For WARN and FAIL: what to change, naming the config key or the Entra ID / Exchange setting. */
  readonly fix?: string;
}

export interface SkippedCheck {
  readonly id: CheckId;
  readonly title: string;
  /** Why it could not run (usually: an earlier check failed). */
  readonly because: string;
}

export interface DoctorReport {
  readonly lines: readonly DoctorLine[];
  readonly skipped: readonly SkippedCheck[];
}

/** Printing order: config before credentials before the network, as the admin should fix them. */
export const CHECK_ORDER: readonly CheckId[] = ['config', 'data-dir', 'calendar', 'credential', 'clock', 'sign-in', 'mailbox', 'write', 'subjects', 'time-zone', 'expiry'];

/** The name in the report's second column. */
export const CHECK_NAMES: Record<CheckId, string> = {
  config: 'config',
  'data-dir': 'data folder',
  calendar: 'calendar',
  credential: 'credential',
  clock: 'clock',
  'sign-in': 'sign-in',
  mailbox: 'room mailbox',
  write: 'booking',
  subjects: 'subjects',
  'time-zone': 'time zone',
  expiry: 'expiry',
};

export const pass = (id: CheckId, title: string): DoctorLine => ({ id, status: 'PASS', title });
export const warn = (id: CheckId, title: string, fix: string): DoctorLine => ({ id, status: 'WARN', title, fix });
export const fail = (id: CheckId, title: string, fix: string): DoctorLine => ({ id, status: 'FAIL', title, fix });

/** Lines in CHECK_ORDER whatever order the checks ran in (the clock is judged after sign-in, printed before). */
export function makeReport(lines: readonly DoctorLine[], skipped: readonly SkippedCheck[] = []): DoctorReport {
  const rank = (id: CheckId): number => CHECK_ORDER.indexOf(id);
  return {
    lines: [...lines].sort((a, b) => rank(a.id) - rank(b.id)),
    skipped: [...skipped].sort((a, b) => rank(a.id) - rank(b.id)),
  };
}

/**
 * 0: nothing failed. 2: the config file itself is bad — the same code `lintel start` exits with for
 * it, so provisioning scripts can treat both commands alike. 1: any other failure.
 */
export function exitCodeOf(report: DoctorReport): number {
  const failed = report.lines.filter((l) => l.status === 'FAIL');
  if (failed.some((l) => l.id === 'config')) return CONFIG_EXIT_CODE;
  return failed.length > 0 ? 1 : 0;
}

/** The report as the setup page and the admin screen show it: results, then what was skipped. */
export function checkLinesJson(report: DoctorReport): CheckLineJson[] {
  return [
    ...report.lines.map((l) => ({ id: l.id, name: CHECK_NAMES[l.id], status: l.status, title: l.title, fix: l.fix ?? null })),
    ...report.skipped.map((k) => ({ id: k.id, name: CHECK_NAMES[k.id], status: 'SKIP' as const, title: `Not checked: ${k.because}`, fix: null })),
  ];
}
