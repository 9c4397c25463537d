import { randomUUID } from 'node:crypto';
import type { ActionRequest, ActivityJson, ApiResult, RoomStateJson } from '../../src/api/contract.js';
import { HTTP_ROUTES } from '../../src/api/contract.js';
import type { RunningCore } from '../../src/app/start-core.js';

type WithoutId<T> = T extends unknown ? Omit<T, 'transactionId'> & { transactionId?: string } : never;

/** A touch at the door, through the real HTTP route. */
export async function act(core: RunningCore, request: WithoutId<ActionRequest>): Promise<{ status: number; body: ApiResult<ActivityJson> }> {
  const res = await fetch(`${core.http.url.replace(/\/$/, '')}${HTTP_ROUTES.act}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transactionId: randomUUID(), ...request }),
  });
  return { status: res.status, body: (await res.json()) as ApiResult<ActivityJson> };
}

/** Waits until the outbox worker has nothing in hand (what is due now is sent). */
export async function settle(core: RunningCore): Promise<RoomStateJson> {
  await core.outbox.idle();
  return core.hub.current();
}

export function activityOf(state: RoomStateJson, transactionId: string): ActivityJson | undefined {
  return state.activity.find((a) => a.transactionId === transactionId);
}

export function ok<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}
