/** An instant as Graph takes it in a query: UTC, whole seconds. */
export function graphInstant(t: number): string {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The startDateTime/endDateTime pair of calendarView and calendarView/delta. */
export function windowQuery(start: number, end: number): string {
  return `startDateTime=${graphInstant(start)}&endDateTime=${graphInstant(end)}`;
}

/** An instant as Graph takes it in an event body: a zone-less date-time plus its zone, here UTC. */
export function graphDateTime(t: number): { dateTime: string; timeZone: 'UTC' } {
  return { dateTime: new Date(t).toISOString().replace('Z', ''), timeZone: 'UTC' };
}
