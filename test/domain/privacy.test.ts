import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/domain/privacy.js';

describe('cleanText', () => {
  it('drops bidi overrides and isolates that could reverse what the door shows, keeping real RTL text', () => {
    expect(cleanText('Budget \u202Egnitaem\u202C review', 100)).toBe('Budget gnitaem review');
    expect(cleanText('\u2067اجتماع\u2069 weekly', 100)).toBe('اجتماع weekly');
    expect(cleanText('שיחת צוות', 100)).toBe('שיחת צוות');
  });
});
