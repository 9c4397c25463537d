import { describe, expect, it } from 'vitest';
import { isNewAdminRequest } from '../../renderer/src/use-admin-request.js';

const at = (hhmmss: string): string => `2026-11-23T${hhmmss}+01:00`;
const NOW = Date.parse(at('10:02:00'));
const WINDOW = 60_000;

describe('isNewAdminRequest (a hardware long press opens the PIN pad once)', () => {
  it('answers a press the door has not seen yet', () => {
    expect(isNewAdminRequest(at('10:01:55'), null, NOW, WINDOW)).toBe(true);
    expect(isNewAdminRequest(at('10:01:55'), at('09:40:00'), NOW, WINDOW)).toBe(true);
  });

  it('answers each press once', () => {
    expect(isNewAdminRequest(at('10:01:55'), at('10:01:55'), NOW, WINDOW)).toBe(false);
  });

  it('ignores no press at all', () => {
    expect(isNewAdminRequest(null, null, NOW, WINDOW)).toBe(false);
    expect(isNewAdminRequest(null, at('10:01:55'), NOW, WINDOW)).toBe(false);
  });

  it('ignores a press older than the PIN pad would stay open (found after a reload)', () => {
    expect(isNewAdminRequest(at('10:00:59'), null, NOW, WINDOW)).toBe(false);
    expect(isNewAdminRequest(at('10:01:00'), null, NOW, WINDOW)).toBe(true);
  });

  it('tolerates a core clock a little ahead, but not a nonsense time', () => {
    expect(isNewAdminRequest(at('10:02:30'), null, NOW, WINDOW)).toBe(true);
    expect(isNewAdminRequest(at('10:05:00'), null, NOW, WINDOW)).toBe(false);
    expect(isNewAdminRequest('yesterday', null, NOW, WINDOW)).toBe(false);
  });
});
