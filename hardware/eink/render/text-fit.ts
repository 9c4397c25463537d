import type { TextMeasure, Weight } from './fonts.js';

export interface TextStyle {
  readonly size: number;
  readonly weight: Weight;
}

export interface FittedText {
  /** Logical order, at most the lines asked for; the last ends in an ellipsis when `truncated`. */
  readonly lines: readonly string[];
  readonly truncated: boolean;
}

/** More than any line on a 800 px panel holds; a 10,000-character subject is cut here, before the per-character work. */
const MAX_INPUT = 800;
const ELLIPSIS = '…';
/**
 * Stands in for each character no font has (emoji, CJK): one per grapheme, however many code
 * points it had, so a flag or a Zalgo letter is one box wide. No font has U+FFFD either, so satori
 * draws the first font's missing-glyph box, and the measurer counts that box's width.
 */
export const REPLACEMENT = '\uFFFD';
/** The measurer ignores kerning and satori rounds to whole pixels: keep this much room on every line. */
const SAFETY = 1.03;

const BREAK_AFTER = /^[/.\-–_?&=:,;]$/u;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function graphemesOf(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/**
 * Makes a calendar string safe to lay out: one line, single spaces, no control or format
 * characters (explicit bidi overrides could make a subject read as something else), and every
 * character some font can draw.
 */
export function cleanText(text: string, measure: TextMeasure): string {
  const flat = text
    .slice(0, MAX_INPUT)
    .normalize('NFC')
    .replace(/\p{Cf}/gu, '')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
  let out = '';
  for (const g of graphemesOf(flat)) {
    let drawable = true;
    for (const ch of g) if (!measure.covers(ch.codePointAt(0) ?? 0)) drawable = false;
    out += drawable ? g : REPLACEMENT;
  }
  return out;
}

function fits(text: string, style: TextStyle, maxWidth: number, measure: TextMeasure): boolean {
  return measure.width(text, style.size, style.weight) * SAFETY + 1 <= maxWidth;
}

/** The longest prefix of `parts` (joined) that satisfies `ok`, by binary search: widths only grow with length. */
function longestPrefix(parts: readonly string[], ok: (prefix: string) => boolean): number {
  let lo = 0;
  let hi = parts.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(parts.slice(0, mid).join(''))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Text that does not fit, cut so that it and an ellipsis do; at a word break when that keeps most of the line. */
function ellipsize(text: string, ok: (s: string) => boolean): string {
  const parts = graphemesOf(text);
  const trimmed = (s: string): string => s.replace(/[\s,.;:·\-–—]+$/u, '');
  const n = longestPrefix(parts, (p) => ok(trimmed(p) + ELLIPSIS));
  let cut = parts.slice(0, n).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  const result = trimmed(cut) + ELLIPSIS;
  return ok(result) ? result : '';
}

/** The first line of `text` and what is left: whole words, or part of a word too long for a line of its own. */
function takeLine(text: string, ok: (s: string) => boolean): [string, string] {
  const words = text.split(' ');
  const n = longestPrefix(
    words.map((w, i) => (i === 0 ? w : ` ${w}`)),
    ok,
  );
  if (n > 0) return [words.slice(0, n).join(' '), words.slice(n).join(' ')];
  const parts = graphemesOf(words[0] ?? '');
  let k = Math.max(1, longestPrefix(parts, ok));
  // A long address or code breaks after a slash, dot or hyphen, like a browser's address bar.
  for (let j = k; j > k * 0.4; j--) {
    if (BREAK_AFTER.test(parts[j - 1] ?? '')) {
      k = j;
      break;
    }
  }
  return [parts.slice(0, k).join(''), [parts.slice(k).join(''), ...words.slice(1)].join(' ')];
}

/**
 * Breaks already-cleaned text into at most `maxLines` lines of `maxWidth` pixels; what does not
 * fit ends the last line in an ellipsis. Lines stay in logical order: right-to-left text is
 * reordered per line afterwards, so the ellipsis lands at the end a reader reaches last.
 */
export function fitLines(text: string, style: TextStyle, maxWidth: number, maxLines: number, measure: TextMeasure): FittedText {
  const ok = (s: string): boolean => fits(s, style, maxWidth, measure);
  const lines: string[] = [];
  let rest = text.trim();
  if (maxLines < 1) return { lines, truncated: rest !== '' };
  while (rest && lines.length < maxLines - 1) {
    const [line, remaining] = takeLine(rest, ok);
    lines.push(line);
    rest = remaining.trim();
  }
  if (!rest) return { lines, truncated: false };
  if (ok(rest)) return { lines: [...lines, rest], truncated: false };
  const last = ellipsize(rest, ok);
  return { lines: last ? [...lines, last] : lines, truncated: true };
}

/** The largest whole font size from `max` down to `min` at which `text` fits on one line. */
export function fitSize(text: string, weight: Weight, max: number, min: number, maxWidth: number, measure: TextMeasure): number {
  const perPixel = measure.width(text, 1, weight) * SAFETY;
  if (perPixel <= 0) return max;
  return Math.max(min, Math.min(max, Math.floor((maxWidth - 1) / perPixel)));
}
