import type { AdminNoticeSeverity, RoomStatus } from '../../src/api/contract.js';

/** Status colours, chosen so the text on them reaches WCAG AAA (7:1) — readable across a corridor. */
export const STATUS_THEME: Record<RoomStatus, { background: string; text: string }> = {
  free: { background: '#00602A', text: '#FFFFFF' },
  soon: { background: '#FFB020', text: '#141414' },
  busy: { background: '#A3121C', text: '#FFFFFF' },
  'awaiting-checkin': { background: '#FFB020', text: '#141414' },
};

export const PANEL_THEME = { background: '#101318', text: '#F5F6F8', muted: '#B9BEC7' };

/**
 * The admin notices strip: black, so it reads as separate from both panels above it without
 * drawing the eye of passers-by; the marker's colour says how urgent.
 */
export const NOTICE_THEME = {
  background: '#000000',
  text: '#F5F6F8',
  marker: {
    warning: { background: '#FFB020', text: '#141414' },
    error: { background: '#FF7A7A', text: '#141414' },
  },
} as const satisfies {
  background: string;
  text: string;
  marker: Record<AdminNoticeSeverity, { background: string; text: string }>;
};

function channel(hex: string, offset: number): number {
  const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** WCAG 2 contrast ratio between two #RRGGBB colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
