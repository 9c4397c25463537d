import { describe, expect, it } from 'vitest';
import { isBlack } from '../../../hardware/eink/frame.js';
import { encodeCommand, type UartCommand } from '../../../hardware/eink/uart/uart-commands.js';
import { encodeFrame } from '../../../hardware/eink/uart/uart-frame.js';
import { VirtualModuleCore } from '../../../hardware/eink/uart/virtual-uart-module.js';

const reply = (core: VirtualModuleCore, ...frames: Uint8Array[]): string =>
  Buffer.from(core.receive(Uint8Array.from(frames.flatMap((f) => Array.from(f))))).toString('latin1');
const send = (core: VirtualModuleCore, ...commands: UartCommand[]): string => reply(core, ...commands.map(encodeCommand));

describe('VirtualModuleCore', () => {
  it('answers OK per command and draws only on refresh', () => {
    const core = new VirtualModuleCore();
    expect(send(core, { op: 'handshake' }, { op: 'fillRect', x0: 10, y0: 20, x1: 19, y1: 29 })).toBe('OKOK');
    expect(core.shown).toBeNull();
    expect(send(core, { op: 'refresh' })).toBe('OK');
    const shown = core.shown;
    if (!shown) throw new Error('no refresh');
    expect([isBlack(shown, 10, 20), isBlack(shown, 19, 29), isBlack(shown, 20, 29), isBlack(shown, 9, 20)]).toEqual([true, true, false, false]);
    expect(core.stats).toMatchObject({ frames: 3, errors: 0, refreshes: 1 });
  });

  it('clears with the background colour and writes white on black when told', () => {
    const core = new VirtualModuleCore();
    send(core, { op: 'colours', fg: 'white', bg: 'black' }, { op: 'clear' }, { op: 'font', size: 64 }, { op: 'text', x: 0, y: 0, text: 'I' });
    send(core, { op: 'refresh' });
    const shown = core.shown;
    if (!shown) throw new Error('no refresh');
    expect(isBlack(shown, 400, 300)).toBe(true);
    // "I" has a full-height stem in the middle column of its 32×64 cell.
    expect([isBlack(shown, 13, 32), isBlack(shown, 3, 32)]).toEqual([false, true]);
  });

  it('counts and answers bad frames as the module does', () => {
    const core = new VirtualModuleCore();
    const good = encodeFrame(0x0a);
    const badXor = Uint8Array.from([...good.slice(0, -1), (good.at(-1) ?? 0) ^ 1]);
    const badTail = Uint8Array.from([0xa5, 0x00, 0x09, 0x0a, 0xcc, 0x33, 0xc3, 0x00, 0x00]);
    expect(reply(core, badXor)).toBe('Error:20');
    expect(reply(core, badTail)).toBe('Error:21');
    expect(reply(core, Uint8Array.from([0x13, 0x37]))).toBe('');
    expect(reply(core, encodeFrame(0x99))).toBe('Error:0');
    expect(reply(core, encodeFrame(0x24, [0x03, 0x20, 0, 0, 0, 0, 0, 0]))).toBe('Error:2');
    expect(core.stats.errors).toBe(5);
    expect(core.problems.join('\n')).toMatch(/bad-checksum[\s\S]*bad-terminator[\s\S]*garbage[\s\S]*unknown command[\s\S]*off the 800×600 panel/);
    expect(core.stats.refreshes).toBe(0);
  });

  it('sleeps through everything until its WAKE_UP pin is pulsed', () => {
    const core = new VirtualModuleCore();
    expect(send(core, { op: 'sleep' }, { op: 'handshake' })).toBe('OK');
    expect(send(core, { op: 'handshake' })).toBe('');
    expect(core.stats.ignoredWhileAsleep).toBe(18);
    core.wake();
    expect(send(core, { op: 'handshake' })).toBe('OK');
  });

  it('warns about text that would run off the panel', () => {
    const core = new VirtualModuleCore();
    expect(send(core, { op: 'font', size: 48 }, { op: 'text', x: 700, y: 0, text: 'Overflow' })).toBe('OKOK');
    expect(core.warnings).toEqual(['text "Overflow" at x 700 runs 92 px past the right edge']);
  });
});
