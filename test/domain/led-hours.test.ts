import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ledsLitAt, type LedHours } from '../../src/domain/led-hours.js';

const ZONE = 'Europe/Berlin';
const at = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const WEEKDAYS: LedHours = { from: '07:00', to: '19:00', days: [1, 2, 3, 4, 5] };

describe('LED hours', () => {
  it('lights on weekdays between from and to, and says when that changes', () => {
    // 2026-11-23 is a Monday.
    expect(ledsLitAt(at('2026-11-23T06:59'), WEEKDAYS, ZONE)).toEqual({ lit: false, nextChangeAt: at('2026-11-23T07:00') });
    expect(ledsLitAt(at('2026-11-23T07:00'), WEEKDAYS, ZONE)).toEqual({ lit: true, nextChangeAt: at('2026-11-23T19:00') });
    expect(ledsLitAt(at('2026-11-27T19:00'), WEEKDAYS, ZONE)).toEqual({ lit: false, nextChangeAt: at('2026-11-30T07:00') });
  });

  it('stays dark on the weekend', () => {
    expect(ledsLitAt(at('2026-11-21T12:00'), WEEKDAYS, ZONE).lit).toBe(false);
  });

  it('handles a window past midnight, and the DST change in the room zone', () => {
    const night: LedHours = { from: '22:00', to: '02:00', days: [6] };
    expect(ledsLitAt(at('2026-11-22T01:30'), night, ZONE)).toEqual({ lit: true, nextChangeAt: at('2026-11-22T02:00') });
    expect(ledsLitAt(at('2026-03-28T23:00'), { from: '07:00', to: '19:00', days: [7] }, ZONE).nextChangeAt).toBe(at('2026-03-29T07:00'));
  });

  it('is always lit without hours', () => {
    expect(ledsLitAt(at('2026-11-21T03:00'), null, ZONE)).toEqual({ lit: true, nextChangeAt: Infinity });
  });
});
