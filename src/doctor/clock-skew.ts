import type { ObservedResponse } from '../auth/network-client.js';
import { fail, pass, warn, type DoctorLine } from './report.js';

/** Entra ID and Graph refuse tokens this far off (their default clock tolerance). */
export const SKEW_FAIL_MS = 5 * 60_000;
/** Beyond this the clock is drifting; NTP would never let it get here. */
export const SKEW_WARN_MS = 60_000;

const NTP_FIX = 'Turn on time sync with "timedatectl set-ntp true" and check that this device reaches an NTP server (timedatectl timesync-status).';

function describe(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${minutes} min ${seconds} s` : `${seconds} s`;
}

/**
 * This device's clock against the Date headers of the sign-in service's answers. The median of
 * several answers, so one slow answer does not count as skew; the header has whole seconds only,
 * which is far below the thresholds.
 */
export function judgeClockSkew(observed: readonly ObservedResponse[]): DoctorLine {
  const offsets = observed.flatMap((o) => (o.serverDate === null ? [] : [o.serverDate - o.receivedAt])).sort((a, b) => a - b);
  if (offsets.length === 0) {
    return warn('clock', 'clock not checked: the sign-in service sent no time', 'Check the network path to the sign-in service; a proxy that strips the Date header hides clock skew.');
  }
  const skew = offsets[Math.floor(offsets.length / 2)] ?? 0;
  // A positive offset means the service's clock is ahead: this device is behind.
  const where = `this device is ${describe(skew)} ${skew > 0 ? 'behind' : 'ahead of'} the Microsoft sign-in service`;
  if (Math.abs(skew) > SKEW_FAIL_MS) return fail('clock', `${where}: tokens will be refused`, NTP_FIX);
  if (Math.abs(skew) > SKEW_WARN_MS) return warn('clock', where, NTP_FIX);
  return pass('clock', `within ${describe(skew)} of the Microsoft sign-in service`);
}
