import { CHECK_NAMES, type CheckStatus, type DoctorReport } from './report.js';

const COLOURS: Record<CheckStatus, string> = { PASS: '\u001b[32m', WARN: '\u001b[33m', FAIL: '\u001b[31m' };
const RESET = '\u001b[0m';

export interface PrintOptions {
  /** Colour the status word; only for a terminal, never for a file or a pipe (logs, CI). */
  readonly colour: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One line per check in aligned columns (status, check, what was found), each fix indented under its line. */
export function formatReport(report: DoctorReport, options: PrintOptions): string {
  const nameWidth = Math.max(...report.lines.map((l) => CHECK_NAMES[l.id].length), 0);
  const indent = ' '.repeat(4 + 2 + nameWidth + 2);
  const out: string[] = [];
  for (const line of report.lines) {
    const status = options.colour ? `${COLOURS[line.status]}${line.status}${RESET}` : line.status;
    out.push(`${status}  ${CHECK_NAMES[line.id].padEnd(nameWidth)}  ${line.title}`);
    if (line.fix) {
      const [first = '', ...rest] = line.fix.split('\n');
      out.push(`${indent}fix: ${first}`, ...rest.map((r) => `${indent}     ${r}`));
    }
  }
  const count = (s: CheckStatus): number => report.lines.filter((l) => l.status === s).length;
  out.push('', `${plural(count('PASS'), 'check')} passed, ${plural(count('WARN'), 'warning')}, ${count('FAIL')} failed.`);
  const reasons = [...new Set(report.skipped.map((s) => s.because))];
  for (const because of reasons) {
    const titles = report.skipped.filter((s) => s.because === because).map((s) => s.title);
    out.push(`Not checked, because ${because}: ${titles.join(', ')}.`);
  }
  return `${out.join('\n')}\n`;
}
