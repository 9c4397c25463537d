import { describe, expect, it } from 'vitest';
import { DemoCalendarSource, demoEvents } from '../../src/calendar/demo-source.js';
import { blocksRoom } from '../../src/domain/event.js';
import { mergeIntervals } from '../../src/domain/derive.js';

const ZONE = 'Europe/Berlin';
const NOW = Date.parse('2026-11-23T09:02:00Z');
const WINDOW = { start: NOW - 86_400_000, end: NOW + 7 * 86_400_000 };

describe('the demo room', () => {
  it('has a realistic day: 8-10 meetings, back-to-back, a long gap, private, all-day, cancelled, tentative', () => {
    const events = demoEvents(NOW, ZONE);
    const timed = events.filter((e) => !e.isAllDay);
    expect(timed.length).toBeGreaterThanOrEqual(8);
    expect(timed.length).toBeLessThanOrEqual(10);
    expect(events.filter((e) => e.isAllDay)).toHaveLength(1);
    expect(timed.some((e) => e.sensitivity === 'private')).toBe(true);
    expect(timed.some((e) => e.isCancelled)).toBe(true);
    expect(timed.some((e) => e.showAs === 'tentative')).toBe(true);
    const blocking = timed.filter(blocksRoom).sort((a, b) => a.start - b.start);
    const backToBack = blocking.some((e, i) => i > 0 && blocking[i - 1]?.end === e.start);
    expect(backToBack).toBe(true);
    const blocks = mergeIntervals(blocking);
    const longestGap = Math.max(...blocks.slice(1).map((b, i) => b.start - (blocks[i]?.end ?? b.start)));
    expect(longestGap).toBeGreaterThanOrEqual(2 * 60 * 60 * 1000);
  });

  it('is under way when the demo starts: a meeting in progress that ends within minutes', () => {
    const events = demoEvents(NOW, ZONE);
    const current = events.filter(blocksRoom).find((e) => !e.isAllDay && e.start <= NOW && NOW < e.end);
    expect(current).toBeDefined();
    expect((current?.end ?? 0) - NOW).toBeLessThanOrEqual(10 * 60_000);
  });

  it('syncs in full once, then reports no changes, then books a fresh day when its day is over', async () => {
    const source = new DemoCalendarSource(ZONE);
    const first = await source.sync({ cursor: null, window: WINDOW, now: NOW });
    expect(first.batch.kind).toBe('full');
    const again = await source.sync({ cursor: first.cursor, window: WINDOW, now: NOW + 60 * 60_000 });
    expect(again.batch).toEqual({ kind: 'delta', upserts: [], removedIds: [] });
    const later = await source.sync({ cursor: first.cursor, window: WINDOW, now: NOW + 7 * 60 * 60_000 });
    expect(later.batch.kind).toBe('full');
    expect(later.cursor).not.toBe(first.cursor);
  });

  it('describes its room in the configured zone', async () => {
    expect(await new DemoCalendarSource('Asia/Tokyo').room()).toMatchObject({ name: 'Aurora', timeZone: 'Asia/Tokyo', capacity: 8 });
  });
});
