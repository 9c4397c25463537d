import { describe, expect, it } from 'vitest';
import { PanelController } from '../../../hardware/eink/panel-controller.js';
import type { DrawResult, Panel, RefreshKind } from '../../../hardware/eink/panel.js';
import type { DoorContent, PanelContent } from '../../../hardware/eink/panel-content.js';
import { ManualClock } from '../../helpers/manual-clock.js';

const MIN = 60_000;

/** A panel that records what it was asked to draw; a draw takes `drawMs` of the manual clock. */
class RecordingPanel implements Panel {
  readonly description = 'recording panel';
  readonly width = 800;
  readonly height = 480;
  readonly draws: Array<{ refresh: RefreshKind; statusWord: string; at: number }> = [];
  fail: Error | null = null;
  constructor(
    private readonly clock: ManualClock,
    readonly partial = true,
    readonly minIntervalMs = 0,
  ) {}
  open(): Promise<void> {
    return Promise.resolve();
  }
  draw(content: PanelContent, refresh: RefreshKind): Promise<DrawResult> {
    if (this.fail) return Promise.reject(this.fail);
    this.draws.push({ refresh, statusWord: content.kind === 'door' ? content.statusWord : content.title, at: this.clock.now() });
    return Promise.resolve({ refresh, bytesSent: refresh === 'full' ? 48_000 : 1_000 });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const door = (statusWord: string, detail = ''): DoorContent => ({
  kind: 'door',
  roomName: 'Aurora',
  status: 'free',
  statusWord,
  statusDetail: detail,
  current: null,
  nextHeading: 'Next',
  next: [],
  emptyNext: 'No more meetings today',
  date: 'Monday 23 November',
  notice: null,
});

function controller(o: { partial?: boolean; minIntervalMs?: number; fullEvery?: number } = {}) {
  const clock = new ManualClock(0);
  const panel = new RecordingPanel(clock, o.partial ?? true, o.minIntervalMs ?? 0);
  const c = new PanelController(panel, { fullEvery: o.fullEvery ?? 3, nextNightly: (now) => (Math.floor(now / (24 * 60 * MIN)) + 1) * 24 * 60 * MIN + 3 * 60 * MIN }, clock);
  return { clock, panel, c };
}

describe('the e-paper refresh policy', () => {
  it('draws in full first, partially after, and redraws only when the content changes', async () => {
    const { panel, c } = controller();
    c.show(door('Free'));
    await c.idle();
    c.show(door('Free'));
    c.show(door('Busy'));
    await c.idle();
    c.show(door('Busy'));
    await c.idle();
    expect(panel.draws.map((d) => [d.refresh, d.statusWord])).toEqual([
      ['full', 'Free'],
      ['partial', 'Busy'],
    ]);
  });

  it('does a full refresh after every N partial ones, and when the kind of screen changes', async () => {
    const { panel, c } = controller({ fullEvery: 2 });
    for (const w of ['A', 'B', 'C', 'D', 'E']) {
      c.show(door(w));
      await c.idle();
    }
    c.show({ kind: 'setup', roomName: 'Aurora', title: 'Sign in', qrText: 'https://microsoft.com/devicelogin', lines: [] });
    await c.idle();
    expect(panel.draws.map((d) => d.refresh)).toEqual(['full', 'partial', 'partial', 'full', 'partial', 'full']);
  });

  it('never refreshes faster than the panel allows: later changes wait, and only the newest is drawn', async () => {
    const { clock, panel, c } = controller({ minIntervalMs: 3 * MIN });
    c.show(door('Free'));
    await c.idle();
    clock.advanceBy(MIN);
    c.show(door('Busy'));
    c.show(door('Free', 'until 12:00'));
    c.show(door('Busy', 'until 13:00'));
    await c.idle();
    expect(panel.draws).toHaveLength(1);
    clock.advanceTo(3 * MIN);
    await c.idle();
    expect(panel.draws.map((d) => [d.statusWord, d.at])).toEqual([
      ['Free', 0],
      ['Busy', 3 * MIN],
    ]);
  });

  it('refreshes in full every night even when nothing changed', async () => {
    const { clock, panel, c } = controller();
    c.show(door('Free'));
    await c.idle();
    clock.advanceTo(24 * 60 * MIN + 3 * 60 * MIN);
    await c.idle();
    expect(panel.draws.map((d) => [d.refresh, d.at])).toEqual([
      ['full', 0],
      ['full', 27 * 60 * MIN],
    ]);
  });

  it('a panel that only does full refreshes gets full refreshes', async () => {
    const { panel, c } = controller({ partial: false });
    c.show(door('Free'));
    await c.idle();
    c.show(door('Busy'));
    await c.idle();
    expect(panel.draws.map((d) => d.refresh)).toEqual(['full', 'full']);
  });

  it('after a failed draw it tries again, in full, and counts the error', async () => {
    const errors: unknown[] = [];
    const clock = new ManualClock(0);
    const panel = new RecordingPanel(clock, true, MIN);
    const c = new PanelController(panel, { fullEvery: 5, nextNightly: () => Infinity }, clock, (e) => errors.push(e));
    panel.fail = new Error('BUSY stuck');
    c.show(door('Free'));
    await c.idle();
    expect(c.counts().lastError).toBe('BUSY stuck');
    panel.fail = null;
    clock.advanceBy(MIN);
    await c.idle();
    expect(panel.draws.map((d) => d.refresh)).toEqual(['full']);
    expect(c.counts()).toMatchObject({ full: 1, lastError: null });
    expect(errors).toHaveLength(1);
  });
});
