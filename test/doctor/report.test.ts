import { describe, expect, it } from 'vitest';
import { judgeClockSkew } from '../../src/doctor/clock-skew.js';
import { checkExpiry } from '../../src/doctor/local-checks.js';
import { judgeSubjects, judgeTimeZone } from '../../src/doctor/mailbox-judgements.js';
import { formatReport } from '../../src/doctor/print-report.js';
import { exitCodeOf, fail, makeReport, pass, warn } from '../../src/doctor/report.js';
import { runDoctor } from '../../src/doctor/run-doctor.js';
import { judgeWritePermission, permissionClaims } from '../../src/doctor/token-claims.js';
import { silentLogger } from '../../src/util/logger.js';
import { cleanUp, tempDir, writeConfig } from './helpers.js';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const DAY = 86_400_000;

function jwt(payload: Record<string, unknown>): string {
  const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`;
}

describe('the report', () => {
  it('orders lines by check, whatever order they ran in', () => {
    const report = makeReport([pass('expiry', 'e'), pass('clock', 'c'), pass('config', 'x')]);
    expect(report.lines.map((l) => l.id)).toEqual(['config', 'clock', 'expiry']);
  });

  it('exits 0 with warnings, 1 with a failure, 2 when the config itself is bad', () => {
    expect(exitCodeOf(makeReport([pass('config', 'ok'), warn('clock', 'off', 'fix')]))).toBe(0);
    expect(exitCodeOf(makeReport([pass('config', 'ok'), fail('mailbox', 'no', 'fix')]))).toBe(1);
    expect(exitCodeOf(makeReport([fail('config', 'bad', 'fix'), fail('data-dir', 'no', 'fix')]))).toBe(2);
  });

  it('prints aligned columns, fixes under their line, and colour only when asked', () => {
    const report = makeReport([pass('config', 'valid'), fail('mailbox', 'cannot read', 'First line.\nSecond line.')], [{ id: 'subjects', title: 'subjects', because: 'no mailbox' }]);
    const plain = formatReport(report, { colour: false });
    expect(plain).toBe(
      [
        'PASS  config        valid',
        'FAIL  room mailbox  cannot read',
        '                    fix: First line.',
        '                         Second line.',
        '',
        '1 check passed, 0 warnings, 1 failed.',
        'Not checked, because no mailbox: subjects.',
        '',
      ].join('\n'),
    );
    expect(plain).not.toContain('\u001b[');
    expect(formatReport(report, { colour: true })).toContain('\u001b[31mFAIL\u001b[0m');
  });

  it('colours a terminal but not a pipe or NO_COLOR, and returns the exit code', async () => {
    const run = async (isTTY: boolean, env: NodeJS.ProcessEnv): Promise<{ code: number; text: string }> => {
      let text = '';
      const code = await runDoctor({ configFile: writeConfig({}), dataDir: tempDir(), logger: silentLogger(), env, out: { isTTY, write: (t: string) => (text += t) } });
      return { code, text };
    };
    const tty = await run(true, {});
    expect(tty.code).toBe(0);
    expect(tty.text).toContain('\u001b[32mPASS');
    expect((await run(false, {})).text).not.toContain('\u001b[');
    expect((await run(true, { NO_COLOR: '1' })).text).not.toContain('\u001b[');
    cleanUp();
  });
});

describe('write permission from the access token', () => {
  it('reads roles and scopes from the payload only', () => {
    expect(permissionClaims(jwt({ roles: ['Calendars.ReadWrite'], scp: 'User.Read Calendars.Read' }))).toEqual({ roles: ['Calendars.ReadWrite'], scopes: ['User.Read', 'Calendars.Read'] });
    expect(permissionClaims('opaque-token')).toBeNull();
    expect(permissionClaims('a.%%%.c')).toBeNull();
  });

  it('needs Calendars.ReadWrite for app tokens and Calendars.ReadWrite(.Shared) for delegated ones', () => {
    expect(judgeWritePermission('app', jwt({ roles: ['Calendars.ReadWrite'] })).status).toBe('PASS');
    const readOnly = judgeWritePermission('app', jwt({ roles: ['Calendars.Read'] }));
    expect(readOnly).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('Grant admin consent') });
    expect(judgeWritePermission('delegated', jwt({ scp: 'Calendars.ReadWrite.Shared User.Read' })).status).toBe('PASS');
    expect(judgeWritePermission('delegated', jwt({ scp: 'calendars.readwrite' })).status).toBe('PASS');
    expect(judgeWritePermission('delegated', jwt({ scp: 'Calendars.Read.Shared' }))).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('Calendars.ReadWrite.Shared') });
    expect(judgeWritePermission('app', 'opaque').status).toBe('WARN');
  });

  it('never puts the token into the line', () => {
    const token = jwt({ roles: [] });
    expect(JSON.stringify(judgeWritePermission('app', token))).not.toContain(token.split('.')[1]);
  });
});

describe('clock skew', () => {
  const at = (offsetMs: number): { url: string; status: number; serverDate: number; receivedAt: number } => ({ url: 'https://login', status: 200, serverDate: NOW + offsetMs, receivedAt: NOW });

  it('passes within a minute, warns beyond, fails beyond five minutes', () => {
    expect(judgeClockSkew([at(20_000)]).status).toBe('PASS');
    expect(judgeClockSkew([at(-90_000)])).toMatchObject({ status: 'WARN', title: expect.stringContaining('1 min 30 s ahead of') });
    expect(judgeClockSkew([at(6 * 60_000)])).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('timedatectl set-ntp true') });
  });

  it('takes the median, so one slow answer is not skew', () => {
    expect(judgeClockSkew([at(0), at(1_000), at(-400_000)]).status).toBe('PASS');
  });

  it('warns when there was nothing to compare with', () => {
    expect(judgeClockSkew([{ url: 'x', status: 200, serverDate: null, receivedAt: NOW }]).status).toBe('WARN');
  });
});

describe('mailbox judgements', () => {
  const event = (subject: string, name: string, address = 'someone@contoso.com'): { subject: string; organizer: { emailAddress: { name: string; address: string } } } => ({
    subject,
    organizer: { emailAddress: { name, address } },
  });

  it('warns with the Set-CalendarProcessing fix when most subjects are the organizer', () => {
    const line = judgeSubjects([event('Anna Schmidt', 'Anna Schmidt'), event('Ben Okafor Planning', 'Ben Okafor'), event('Review', 'Cleo')], 'aurora@contoso.com');
    expect(line).toMatchObject({ status: 'WARN', title: expect.stringContaining('2 of 3'), fix: expect.stringContaining('Set-CalendarProcessing -Identity "aurora@contoso.com"') });
    expect(JSON.stringify(line)).not.toContain('Planning');
  });

  it('says when there are too few meetings to judge, and ignores the room\'s own bookings', () => {
    expect(judgeSubjects([event('Aurora', 'Aurora', 'aurora@contoso.com'), event('Anna Schmidt', 'Anna Schmidt')], 'aurora@contoso.com').title).toContain('not enough meetings to judge');
    expect(judgeSubjects([], 'aurora@contoso.com').status).toBe('PASS');
  });

  it('compares the mailbox zone with room.timeZone by the clocks, not the names', () => {
    const room = (timeZone: string, timeZoneFromConfig: boolean): { name: null; email: null; timeZone: string; timeZoneFromConfig: boolean } => ({ name: null, email: null, timeZone, timeZoneFromConfig });
    expect(judgeTimeZone('Europe/Kyiv', room('Europe/Kiev', true), NOW).status).toBe('PASS');
    expect(judgeTimeZone('Europe/Berlin', room('Europe/London', true), NOW)).toMatchObject({ status: 'WARN', title: expect.stringContaining('"Europe/London" differs from the mailbox\'s zone "Europe/Berlin"') });
    expect(judgeTimeZone('Europe/Berlin', room('UTC', false), NOW).status).toBe('PASS');
    expect(judgeTimeZone(null, room('UTC', false), NOW)).toMatchObject({ status: 'WARN', fix: expect.stringContaining('Set room.timeZone') });
    expect(judgeTimeZone(null, room('Europe/Berlin', true), NOW).status).toBe('WARN');
  });
});

describe('credential expiry', () => {
  it('passes far away, warns within 30 days, fails once expired', () => {
    expect(checkExpiry({ kind: 'secret', secret: 's', expiresAt: NOW + 200 * DAY }, NOW)).toMatchObject({ status: 'PASS', title: 'client secret valid until 2027-06-11' });
    expect(checkExpiry({ kind: 'secret', secret: 's', expiresAt: NOW + 10 * DAY }, NOW)).toMatchObject({ status: 'WARN', title: expect.stringMatching(/^client secret expires in 10 days/) });
    expect(checkExpiry({ kind: 'secret', secret: 's', expiresAt: NOW - DAY }, NOW).status).toBe('FAIL');
  });
});
