import type { OutboxItem, OutboxResult } from '../store/outbox.js';

/** What each outbox kind carries. Written before sending; progress (ids Graph gave) is saved into it. */
export interface BookPayload {
  readonly start: number;
  readonly end: number;
  readonly subject: string;
  /** create: not known to exist yet; answer: invited, waiting for the room's booking assistant. */
  readonly phase: 'create' | 'answer';
  /** The booking account's event id once Graph gave it (invite mode). */
  readonly ownerEventId?: string;
}

export interface CheckInPayload {
  readonly eventId: string;
  readonly at: number;
}

/** End early and extend: a new end for an event this device may change. */
export interface SetEndPayload {
  readonly eventId: string;
  readonly end: number;
  readonly previousEnd: number;
}

export interface ReleasePayload {
  readonly eventId: string;
  readonly comment: string;
  /** The meeting's end: after it there is nothing left to release. */
  readonly end: number;
}

export interface UndoPayload {
  /** transactionId of the action taken back. */
  readonly target: string;
}

/** One step of an action, as an executor reports it. Thrown errors are classified by the worker. */
export type StepResult =
  | { readonly kind: 'done'; readonly result: OutboxResult }
  | { readonly kind: 'failed'; readonly result: OutboxResult }
  /** Not finished: look again at `at` (the room has not answered yet), with progress saved. */
  | { readonly kind: 'again'; readonly at: number; readonly payload: Record<string, unknown> };

export interface StepContext {
  readonly now: number;
  /** Never sent before: a booking checks the slot first. A resend skips that (the slot holds our own event). */
  readonly firstSend: boolean;
}

/** Carries out outbox items against a calendar: Microsoft 365, or the demo room on this device. */
export interface ActionExecutor {
  /** room: bookings are made as the room (on the calendar at once); invite: the room is invited and answers later. */
  readonly mode: 'room' | 'invite';
  execute(item: OutboxItem, ctx: StepContext): Promise<StepResult>;
}

export function payloadOf<T>(item: OutboxItem): T {
  return item.payload as unknown as T;
}

export const done = (code: string, message: string, extra: Record<string, unknown> = {}): StepResult => ({ kind: 'done', result: { code, message, ...extra } });
export const failed = (code: string, message: string): StepResult => ({ kind: 'failed', result: { code, message } });
