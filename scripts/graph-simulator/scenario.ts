// Scenario files describe one tenant: its apps, people, rooms, their calendars and the faults to inject.
// A mistake in one must be reported by field name, or a tester wastes an afternoon on a typo.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { faultsSchema } from './faults.js';
import { isRelativeTime, parseIsoWithOffset, parseTimeOfDay } from './graph-time.js';
import { ianaZoneFor, TIME_ZONE_HINT } from './windows-time-zones.js';

const email = z.string().superRefine((value, ctx) => {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an email address (like "aurora@contoso.com")` });
  }
});

const timeZoneName = z.string().superRefine((value, ctx) => {
  if (!ianaZoneFor(value)) ctx.addIssue({ code: 'custom', message: `"${value}" is not a known time zone: ${TIME_ZONE_HINT}` });
});

const timeOfDay = z.string().superRefine((value, ctx) => {
  if (parseTimeOfDay(value) === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a time of day like "08:00" or "08:00:00.0000000"` });
  }
});

/** An instant with an explicit offset, or a wall time relative to the simulator's today in the room's zone. */
const eventTime = z.string().superRefine((value, ctx) => {
  if (parseIsoWithOffset(value) === undefined && !isRelativeTime(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is neither an ISO time with an offset ("2026-11-23T09:00:00+01:00") nor a relative time ("today 09:00", "today+1 14:30", "tomorrow 08:00")`,
    });
  }
});

const dayOfWeek = z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);

const workingHoursSchema = z.strictObject({
  daysOfWeek: z.array(dayOfWeek).min(1),
  startTime: timeOfDay,
  endTime: timeOfDay,
  /** Defaults to the mailbox's time zone. */
  timeZone: timeZoneName.optional(),
});

// Names follow Set-CalendarProcessing; defaults are the simulator's, not Exchange's (Exchange turns the
// subject/comment/private rewrites on), so a plain scenario shows the organizer's own subject.
const bookingAssistantSchema = z.strictObject({
  autoAccept: z.boolean().default(true),
  delayMs: z.number().int().min(0).max(600_000).default(500),
  addOrganizerToSubject: z.boolean().default(false),
  deleteSubject: z.boolean().default(false),
  deleteComments: z.boolean().default(false),
  removePrivateProperty: z.boolean().default(false),
  bookingWindowDays: z.number().int().min(0).max(1080).default(180),
  maximumDurationMinutes: z.number().int().min(1).default(1440),
  scheduleOnlyDuringWorkHours: z.boolean().default(false),
  allowConflicts: z.boolean().default(false),
  /** Exchange puts a new request on the room's calendar as tentative before the assistant answers. */
  addNewRequestsTentatively: z.boolean().default(true),
});

const clientSchema = z.strictObject({
  clientId: z.string().min(1),
  displayName: z.string().optional(),
  kind: z.enum(['app', 'public']),
  secret: z.string().min(1).optional(),
  /** Hex SHA-1 (40) or SHA-256 (64) thumbprint of the certificate that signs client assertions. */
  certificateThumbprint: z
    .string()
    .regex(/^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/, 'must be a hex SHA-1 (40 digits) or SHA-256 (64 digits) thumbprint')
    .optional(),
  /** PEM certificate or public key; when given, client assertion signatures are verified against it. */
  certificatePem: z.string().min(1).optional(),
  /** Mailboxes an app-only token may reach (an ApplicationAccessPolicy); omitted = all. */
  allowedMailboxes: z.array(z.string().min(1)).optional(),
});

const userSchema = z.strictObject({
  upn: email,
  displayName: z.string().min(1),
  id: z.string().min(1).optional(),
  mail: email.optional(),
  timeZone: timeZoneName.default('UTC'),
  workingHours: workingHoursSchema.optional(),
  /** false: in the directory but without an Exchange Online mailbox. */
  hasMailbox: z.boolean().default(true),
});

const roomSchema = z.strictObject({
  email,
  displayName: z.string().min(1),
  id: z.string().min(1).optional(),
  /** A string is allowed because real tenants sometimes return one. */
  capacity: z.union([z.number().int().min(0), z.string()]).optional(),
  timeZone: timeZoneName,
  workingHours: workingHoursSchema.optional(),
  bookingAssistant: bookingAssistantSchema.default(() => bookingAssistantSchema.parse({})),
  building: z.string().optional(),
  floorNumber: z.number().int().optional(),
  floorLabel: z.string().optional(),
  nickname: z.string().optional(),
  label: z.string().optional(),
  phone: z.string().optional(),
  isWheelChairAccessible: z.boolean().optional(),
  bookingType: z.enum(['standard', 'reserved']).optional(),
  tags: z.array(z.string()).optional(),
  audioDeviceName: z.string().optional(),
  videoDeviceName: z.string().optional(),
  displayDeviceName: z.string().optional(),
  address: z
    .strictObject({
      street: z.string().optional(),
      city: z.string().optional(),
      state: z.string().optional(),
      postalCode: z.string().optional(),
      countryOrRegion: z.string().optional(),
    })
    .optional(),
});

const responseType = z.enum(['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded']);
const showAs = z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']);
const sensitivity = z.enum(['normal', 'personal', 'private', 'confidential']);

const attendeeSchema = z.union([
  email,
  z.strictObject({
    address: email,
    name: z.string().optional(),
    type: z.enum(['required', 'optional', 'resource']).default('required'),
    response: responseType.optional(),
  }),
]);

const eventSchema = z.strictObject({
  room: email,
  subject: z.string().default(''),
  /** Email of the organizer; a scenario user or room gets their display name. */
  organizer: email,
  start: eventTime,
  end: eventTime,
  /** The zone the event was created in (Windows or IANA name); defaults to the room's. */
  timeZone: timeZoneName.optional(),
  showAs: showAs.optional(),
  isAllDay: z.boolean().optional(),
  sensitivity: sensitivity.optional(),
  isCancelled: z.boolean().optional(),
  responseStatus: responseType.optional(),
  bodyPreview: z.string().optional(),
  location: z.string().optional(),
  categories: z.array(z.string()).optional(),
  transactionId: z.string().optional(),
  /** Besides the organizer and the room, which are always there. */
  attendees: z.array(attendeeSchema).optional(),
  recurrence: z
    .strictObject({
      type: z.enum(['daily', 'weekly']),
      interval: z.number().int().min(1).default(1),
      occurrences: z.number().int().min(1).max(500),
    })
    .optional(),
});

export const scenarioSchema = z.strictObject({
  tenantId: z.string().min(1),
  clients: z.array(clientSchema).default([]),
  users: z.array(userSchema).default([]),
  rooms: z.array(roomSchema).default([]),
  events: z.array(eventSchema).default([]),
  faults: faultsSchema.default({}),
  /** Added to the simulator's clock: the Date header and every server-side time (clock-skew tests). */
  clockOffsetMs: z.number().int().default(0),
  accessTokenLifetimeSeconds: z.number().int().min(1).max(86_400).default(3599),
  refreshTokenLifetimeDays: z.number().min(0).max(365).default(90),
  deviceCodeLifetimeSeconds: z.number().int().min(1).max(3600).default(900),
});

/** What a scenario file or a test may write (defaults optional). */
export type Scenario = z.input<typeof scenarioSchema>;
/** A validated scenario with every default filled in. */
export type ResolvedScenario = z.output<typeof scenarioSchema>;
export type ScenarioRoom = ResolvedScenario['rooms'][number];
export type ScenarioUser = ResolvedScenario['users'][number];
export type ScenarioClient = ResolvedScenario['clients'][number];
export type ScenarioEvent = ResolvedScenario['events'][number];
export type ScenarioAttendee = NonNullable<ScenarioEvent['attendees']>[number];
export type WorkingHours = z.output<typeof workingHoursSchema>;
export type BookingAssistantSettings = z.output<typeof bookingAssistantSchema>;
export type DayOfWeek = z.output<typeof dayOfWeek>;

export interface ScenarioIssue {
  path: string;
  message: string;
}

export class ScenarioError extends Error {
  readonly code = 'SCENARIO_INVALID';
  constructor(
    readonly source: string,
    readonly issues: readonly ScenarioIssue[],
  ) {
    super(`Scenario ${source} is invalid:\n${issues.map((i) => `  - ${i.path || '(top level)'}: ${i.message}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

/** ["rooms", 0, "timeZone"] → "rooms[0].timeZone". */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

function crossReferenceIssues(s: ResolvedScenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const mailboxes = new Map<string, string>();
  const claim = (address: string, path: string): void => {
    const lower = address.toLowerCase();
    const previous = mailboxes.get(lower);
    if (previous) issues.push({ path, message: `"${address}" is already used by ${previous}` });
    else mailboxes.set(lower, path);
  };
  s.users.forEach((u, i) => claim(u.upn, `users[${i}].upn`));
  s.rooms.forEach((r, i) => claim(r.email, `rooms[${i}].email`));
  const known = (address: string): boolean => mailboxes.has(address.toLowerCase());

  const clientIds = new Set<string>();
  s.clients.forEach((c, i) => {
    const at = `clients[${i}]`;
    if (clientIds.has(c.clientId.toLowerCase())) issues.push({ path: `${at}.clientId`, message: `"${c.clientId}" appears twice` });
    clientIds.add(c.clientId.toLowerCase());
    if (c.kind === 'app' && !c.secret && !c.certificateThumbprint && !c.certificatePem) {
      issues.push({ path: at, message: 'an "app" client needs a "secret", a "certificateThumbprint" or a "certificatePem"' });
    }
    if (c.kind === 'public' && (c.secret || c.certificateThumbprint || c.certificatePem)) {
      issues.push({ path: at, message: 'a "public" client has no credentials; remove "secret"/"certificateThumbprint"/"certificatePem"' });
    }
    c.allowedMailboxes?.forEach((m, j) => {
      if (!known(m)) issues.push({ path: `${at}.allowedMailboxes[${j}]`, message: `"${m}" is not a user or room of this scenario` });
    });
  });

  const checkHours = (wh: WorkingHours | undefined, at: string): void => {
    if (wh && (parseTimeOfDay(wh.startTime) ?? 0) >= (parseTimeOfDay(wh.endTime) ?? 0)) {
      issues.push({ path: `${at}.workingHours.endTime`, message: `"${wh.endTime}" must be after startTime "${wh.startTime}"` });
    }
  };
  s.users.forEach((u, i) => checkHours(u.workingHours, `users[${i}]`));
  s.rooms.forEach((r, i) => checkHours(r.workingHours, `rooms[${i}]`));

  const roomEmails = new Set(s.rooms.map((r) => r.email.toLowerCase()));
  s.events.forEach((e, i) => {
    if (!roomEmails.has(e.room.toLowerCase())) {
      issues.push({ path: `events[${i}].room`, message: `"${e.room}" is not one of the scenario's rooms` });
    }
    const start = parseIsoWithOffset(e.start);
    const end = parseIsoWithOffset(e.end);
    if (start !== undefined && end !== undefined && end < start) {
      issues.push({ path: `events[${i}].end`, message: `"${e.end}" is before start "${e.start}"` });
    }
  });
  return issues;
}

/** Validates a parsed scenario value; throws ScenarioError naming every bad field. */
export function parseScenario(value: unknown, source = 'scenario'): ResolvedScenario {
  const result = scenarioSchema.safeParse(value);
  if (!result.success) {
    throw new ScenarioError(
      source,
      result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })),
    );
  }
  const issues = crossReferenceIssues(result.data);
  if (issues.length > 0) throw new ScenarioError(source, issues);
  return result.data;
}

export async function loadScenarioFile(path: string): Promise<ResolvedScenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ScenarioError(path, [{ path: '', message: `cannot be read: ${(err as Error).message}` }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ScenarioError(path, [{ path: '', message: `is not valid JSON: ${(err as Error).message}` }]);
  }
  return parseScenario(value, path);
}

/** Used when no scenario is given: one app, one public client, one booking account, one room, no events. */
export const DEFAULT_SCENARIO: Scenario = {
  tenantId: '8b7e9f1c-2d4a-4c6e-9a1b-3f5d7c9e0a21',
  clients: [
    { clientId: '11111111-2222-4333-8444-555555555555', displayName: 'Lintel', kind: 'app', secret: 'simulator-secret' },
    { clientId: '66666666-7777-4888-9999-000000000000', displayName: 'Lintel (device sign-in)', kind: 'public' },
  ],
  users: [{ upn: 'booking@contoso.com', displayName: 'Room Booking', timeZone: 'W. Europe Standard Time' }],
  rooms: [{ email: 'aurora@contoso.com', displayName: 'Aurora', capacity: 8, timeZone: 'W. Europe Standard Time' }],
};
