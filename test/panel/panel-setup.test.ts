import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { SetupPromptJson } from '../../src/api/contract.js';
import { framePng, writeFramePng } from '../../hardware/eink/render/frame-png.js';
import { renderPanel } from '../../hardware/eink/render/render-panel.js';
import { panelContentFromState } from '../../src/panel/panel-content-from-state.js';
import { decodeQr } from '../helpers/qr.js';
import { berlin, roomStateJson } from '../helpers/room-state-json.js';

const OUTPUT_DIR = fileURLToPath(new URL('../../test-output/eink/', import.meta.url));

// A real-length setup URL: LAN address, port, and a 256-bit token.
const PROMPT: SetupPromptJson = {
  url: 'http://192.168.10.42:8421/setup#t=Hq3cR1o2vYz8nW0e5tKpL7aXb4mD9sJ6uF2gC1iE0rQ',
  code: 'K7QM-2XHD',
  deviceName: 'lintel-3f-east',
  address: 'http://192.168.10.42:8421/setup',
  expiresAt: berlin('10:17'),
  lockedUntil: null,
  reopened: false,
};

describe('the e-paper door of an unpaired display', () => {
  it('says "Set up this display" with the code, the address to type and the device name', () => {
    const content = panelContentFromState(roomStateJson({ setup: PROMPT }));
    expect(content).toEqual({
      kind: 'setup',
      roomName: 'lintel-3f-east',
      title: 'Set up this display',
      qrText: PROMPT.url,
      lines: ['Code: K7QM-2XHD', '192.168.10.42:8421/setup', 'Display: lintel-3f-east', 'Code valid until 10:17'],
    });
    const de = panelContentFromState(roomStateJson({ setup: PROMPT, display: { locale: 'de-DE', hourCycle: 'h23', devOverlay: false } }));
    expect(de).toMatchObject({ title: 'Dieses Display einrichten' });
  });

  it('shows the lock instead of the code while setup is locked', () => {
    const content = panelContentFromState(roomStateJson({ setup: { ...PROMPT, lockedUntil: berlin('10:05') } }));
    expect(content).toMatchObject({ kind: 'setup', lines: ['Setup locked after wrong codes until 10:05', 'Display: lintel-3f-east'] });
  });

  it.each([
    ['7in5', 800, 480],
    ['4in2', 400, 300],
  ] as const)('draws a QR code a phone reads back as the setup URL (%s)', async (name, width, height) => {
    const frame = await renderPanel(panelContentFromState(roomStateJson({ setup: PROMPT })), { width, height });
    writeFramePng(frame, join(OUTPUT_DIR, `unpaired-setup-${name}.png`));
    const png = PNG.sync.read(framePng(frame));
    expect(decodeQr(png.data, width, height)).toBe(PROMPT.url);
  });
});
