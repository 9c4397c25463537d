import { z } from 'zod';
import type { ActionRequest } from '../api/contract.js';

const transactionId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'a UUID made by the screen');
const eventId = z.string().min(1).max(512);

const schema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('book'), transactionId, end: z.iso.datetime({ offset: true }), name: z.string().max(200).optional() }),
  z.strictObject({ kind: z.literal('check-in'), transactionId, eventId }),
  z.strictObject({ kind: z.literal('end-early'), transactionId, eventId }),
  z.strictObject({ kind: z.literal('extend'), transactionId, eventId, minutes: z.int().min(1).max(480) }),
  z.strictObject({ kind: z.literal('undo'), transactionId, target: transactionId }),
  z.strictObject({ kind: z.literal('dismiss'), transactionId, target: transactionId }),
]);

/** A request from a screen, checked field by field: it arrives over HTTP from anything on this machine. */
export function parseActionRequest(raw: unknown): { ok: true; value: ActionRequest } | { ok: false; message: string } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `"${issue.path.join('.')}"` : 'the request';
  return { ok: false, message: `${where}: ${issue?.message ?? 'not an action request'}. Send {"kind":"book","transactionId":"<uuid>","end":"<one of state.actions.book[].end>"}.` };
}
