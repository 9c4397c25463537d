// The tenant's directory: who exists, by UPN/email or object id, and what kind of mailbox they have.
import { createHash } from 'node:crypto';
import type { BookingAssistantSettings, ResolvedScenario, ScenarioRoom, WorkingHours } from './scenario.js';

export interface Mailbox {
  kind: 'user' | 'room';
  id: string;
  /** Canonical address as written in the scenario; compare with `key`. */
  email: string;
  /** Lower-case email, the key of every per-mailbox map. */
  key: string;
  userPrincipalName: string;
  displayName: string;
  timeZone: string;
  workingHours: WorkingHours;
  hasMailbox: boolean;
  room?: ScenarioRoom;
  bookingAssistant?: BookingAssistantSettings;
}

/** A stable, GUID-shaped object id derived from a name, so ids survive restarts of the simulator. */
export function stableGuid(seed: string): string {
  const hex = createHash('sha1').update(seed.toLowerCase()).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function defaultWorkingHours(timeZone: string): WorkingHours {
  return { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00', endTime: '17:00', timeZone };
}

export class Directory {
  private readonly byKey = new Map<string, Mailbox>();
  private readonly byId = new Map<string, Mailbox>();
  readonly rooms: Mailbox[] = [];
  readonly users: Mailbox[] = [];

  constructor(scenario: ResolvedScenario) {
    for (const u of scenario.users) {
      this.add({
        kind: 'user',
        id: u.id ?? stableGuid(`user:${u.upn}`),
        email: u.mail ?? u.upn,
        key: (u.mail ?? u.upn).toLowerCase(),
        userPrincipalName: u.upn,
        displayName: u.displayName,
        timeZone: u.timeZone,
        workingHours: u.workingHours ?? defaultWorkingHours(u.timeZone),
        hasMailbox: u.hasMailbox,
      });
    }
    for (const r of scenario.rooms) {
      this.add({
        kind: 'room',
        id: r.id ?? stableGuid(`room:${r.email}`),
        email: r.email,
        key: r.email.toLowerCase(),
        userPrincipalName: r.email,
        displayName: r.displayName,
        timeZone: r.timeZone,
        workingHours: r.workingHours ?? defaultWorkingHours(r.timeZone),
        hasMailbox: true,
        room: r,
        bookingAssistant: r.bookingAssistant,
      });
    }
  }

  private add(m: Mailbox): void {
    this.byKey.set(m.key, m);
    this.byKey.set(m.userPrincipalName.toLowerCase(), m);
    this.byId.set(m.id.toLowerCase(), m);
    (m.kind === 'room' ? this.rooms : this.users).push(m);
  }

  /** By email, UPN or object id, case-insensitively, as Graph resolves /users/{id}. */
  find(ref: string): Mailbox | undefined {
    const lower = ref.toLowerCase();
    return this.byKey.get(lower) ?? this.byId.get(lower);
  }

  /** The display name for an address, falling back to the address's local part like Exchange does for externals. */
  nameFor(address: string): string {
    return this.find(address)?.displayName ?? address.split('@')[0] ?? address;
  }
}
