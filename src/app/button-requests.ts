import { randomUUID } from 'node:crypto';
import type { ButtonAction } from '../../hardware/buttons/buttons.js';
import type { ActionRequest, RoomStateJson } from '../api/contract.js';

/**
 * What a hardware button asks the door for, given what the door offers right now; null when
 * the button means nothing at this moment (book on a busy room, check in with nothing due).
 * Book-15 takes the 15-minute option (its end is rounded up to the next 5 minutes, so it may
 * run 15–19 min), or "until the next meeting" when that is all that fits.
 */
export function buttonRequest(action: ButtonAction, state: RoomStateJson): ActionRequest | null {
  const transactionId = randomUUID();
  const a = state.actions;
  switch (action) {
    case 'book-15':
    case 'book-30': {
      const wanted = action === 'book-15' ? 15 : 30;
      const fixed = a.book.find((o) => o.kind === 'duration' && o.minutes >= wanted && o.minutes < wanted + 5);
      const fallback = a.book.find((o) => o.kind === 'until-next' && o.minutes <= wanted + 5);
      const option = fixed ?? fallback;
      return option ? { kind: 'book', transactionId, end: option.end } : null;
    }
    case 'check-in':
      return a.checkIn ? { kind: 'check-in', transactionId, eventId: a.checkIn.eventId } : null;
    case 'end':
      return a.endEarly ? { kind: 'end-early', transactionId, eventId: a.endEarly.eventId } : null;
  }
}
