/** The slice of Graph's event resource Lintel reads. Everything is optional: it arrives from outside. */
export interface GraphDateTime {
  dateTime?: unknown;
  timeZone?: unknown;
}

export interface GraphEmailAddress {
  name?: unknown;
  address?: unknown;
}

export interface GraphEvent {
  id?: unknown;
  '@removed'?: { reason?: unknown };
  subject?: unknown;
  start?: GraphDateTime;
  end?: GraphDateTime;
  isAllDay?: unknown;
  isCancelled?: unknown;
  showAs?: unknown;
  sensitivity?: unknown;
  type?: unknown;
  organizer?: { emailAddress?: GraphEmailAddress };
  responseStatus?: { response?: unknown };
  iCalUId?: unknown;
  transactionId?: unknown;
}
