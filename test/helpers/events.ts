import type { CalendarEvent } from '../../src/domain/event.js';

let counter = 0;

export function event(partial: Partial<CalendarEvent> & Pick<CalendarEvent, 'start' | 'end'>): CalendarEvent {
  counter += 1;
  return {
    id: `e${counter}`,
    subject: `Meeting ${counter}`,
    organizer: { name: 'Ana Ruiz', email: 'ana@example.com' },
    isAllDay: false,
    showAs: 'busy',
    isCancelled: false,
    roomResponse: 'accepted',
    sensitivity: 'normal',
    ...partial,
  };
}
