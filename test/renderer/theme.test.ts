import { describe, expect, it } from 'vitest';
import { contrastRatio, NOTICE_THEME, PANEL_THEME, STATUS_THEME } from '../../renderer/src/theme.js';

describe('door colours', () => {
  it.each(Object.entries(STATUS_THEME))('%s: text on the status colour reaches 7:1', (_status, { background, text }) => {
    expect(contrastRatio(text, background)).toBeGreaterThanOrEqual(7);
  });

  it('side panel text, muted text included, reaches 7:1', () => {
    expect(contrastRatio(PANEL_THEME.text, PANEL_THEME.background)).toBeGreaterThanOrEqual(7);
    expect(contrastRatio(PANEL_THEME.muted, PANEL_THEME.background)).toBeGreaterThanOrEqual(7);
  });

  it('admin notices strip: its text and the text on each severity marker reach 7:1', () => {
    expect(contrastRatio(NOTICE_THEME.text, NOTICE_THEME.background)).toBeGreaterThanOrEqual(7);
    for (const { background, text } of Object.values(NOTICE_THEME.marker)) expect(contrastRatio(text, background)).toBeGreaterThanOrEqual(7);
  });

  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#FFFFFF', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5);
  });
});
