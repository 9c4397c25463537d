// Failure modes the product must survive, switchable at runtime (`state.faults`) and from scenario JSON.
// Kept as plain data so a test can write `sim.state.faults.throttle = { count: 2 }` and read it back.
import { z } from 'zod';

const failureRule = z.strictObject({
  /** Seconds in the Retry-After header. */
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  /** Fail only this many matching requests, then clear the rule; omitted = until cleared. */
  count: z.number().int().min(1).optional(),
  /** Fail only requests whose path contains this (case-insensitive; a trailing `$`: ends with it); omitted = every Graph (/v1.0) request. */
  path: z.string().min(1).optional(),
});

const latencyRule = z.strictObject({
  ms: z.number().int().min(0).max(120_000),
  count: z.number().int().min(1).optional(),
  /** Delay only requests whose path contains this (a trailing `$`: ends with it); omitted = every request, identity ones included. */
  path: z.string().min(1).optional(),
});

export const faultsSchema = z.strictObject({
  /** 429 ApplicationThrottled ("MailboxConcurrency") with Retry-After. */
  throttle: failureRule.optional(),
  /** 503 ServiceUnavailable with Retry-After. */
  unavailable: failureRule.optional(),
  latency: latencyRule.optional(),
  /**
   * The network cuts the connection: before the request reaches Graph, or (`afterHandling`) after
   * Graph made the change, so the answer is lost — the case transactionId exists for.
   */
  dropConnection: failureRule.extend({ afterHandling: z.boolean().optional() }).optional(),
  /** Mailboxes an ApplicationAccessPolicy keeps app-only tokens out of: 403 ErrorAccessDenied. */
  scopedOutMailboxes: z.array(z.string().min(1)).optional(),
  /** Mailboxes that exist in the directory but have no Exchange Online mailbox: 404 MailboxNotEnabledForRESTAPI. */
  mailboxNotEnabled: z.array(z.string().min(1)).optional(),
  /** Admin consent missing: the token endpoint answers invalid_grant AADSTS65001, or Graph answers 403. */
  consentMissing: z.enum(['token', 'graph']).optional(),
  /** Treat every delta/skip token as unknown. */
  rejectDeltaTokens: z.boolean().optional(),
  /** How an unknown delta token is reported: 410 SyncStateNotFound (default) or 400 resyncRequired. */
  deltaTokenError: z.enum(['syncStateNotFound', 'resyncRequired']).optional(),
});

export type Faults = z.infer<typeof faultsSchema>;
export type FailureRule = z.infer<typeof failureRule>;
export type LatencyRule = z.infer<typeof latencyRule>;

/** A rule's `path` matches where it occurs in the request path; a trailing `$` anchors it to the end. */
function matchesPath(rule: { path?: string | undefined }, path: string, isGraph: boolean): boolean {
  if (rule.path === undefined) return isGraph;
  const lower = path.toLowerCase();
  const want = rule.path.toLowerCase();
  return want.endsWith('$') ? lower.endsWith(want.slice(0, -1)) : lower.includes(want);
}

/**
 * Whether `faults[kind]` fails this request; consumes one of its `count` and clears the rule when used up.
 * Returns the rule that fired.
 */
export function takeFailure(
  faults: Faults,
  kind: 'throttle' | 'unavailable' | 'dropConnection',
  path: string,
  isGraph: boolean,
): (FailureRule & { afterHandling?: boolean | undefined }) | undefined {
  const rule = faults[kind];
  if (!rule || !matchesPath(rule, path, isGraph)) return undefined;
  if (rule.count !== undefined) {
    rule.count -= 1;
    if (rule.count <= 0) delete faults[kind];
  }
  return rule;
}

/** Milliseconds to hold this request back, consuming the latency rule's count. */
export function takeLatency(faults: Faults, path: string): number {
  const rule = faults.latency;
  // Latency without a path slows identity requests too: a slow network is not Graph-only.
  if (!rule || !matchesPath(rule, path, true)) return 0;
  if (rule.count !== undefined) {
    rule.count -= 1;
    if (rule.count <= 0) delete faults.latency;
  }
  return rule.ms;
}

export function listsMailbox(list: readonly string[] | undefined, email: string, id: string): boolean {
  if (!list) return false;
  const lowerEmail = email.toLowerCase();
  const lowerId = id.toLowerCase();
  return list.some((entry) => {
    const lower = entry.toLowerCase();
    return lower === lowerEmail || lower === lowerId;
  });
}
