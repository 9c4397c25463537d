import bidiModule from 'bidi-js';

// bidi-js is CommonJS (`module.exports = factory`) with types written as an ES default export:
// Node hands ESM the factory itself, while TypeScript expects it under `.default`.
type BidiFactory = (typeof bidiModule)['default'];
const bidiFactory: BidiFactory = typeof bidiModule === 'function' ? (bidiModule as BidiFactory) : bidiModule.default;
const bidi = bidiFactory();

/** A stretch of one line in one direction, in logical order; a line's runs come in visual order, left to right. */
export interface Run {
  readonly text: string;
  readonly rtl: boolean;
}

/** Whether the paragraph reads right to left, by its first strong character (as a browser's `dir="auto"`). */
export function isRtl(text: string): boolean {
  return (bidi.getEmbeddingLevels(text).paragraphs[0]?.level ?? 0) % 2 === 1;
}

/**
 * Splits one line into direction runs placed left to right, using the Unicode bidi algorithm.
 * Each run keeps its characters in logical order: satori and HarfBuzz shape a run that is
 * entirely right-to-left correctly (glyph order, mirrored brackets), but satori's own reordering
 * of mixed text is simplified and, for one, reverses "10:15" inside Hebrew. Handing it single-
 * direction runs as separate boxes leaves it nothing to reorder.
 */
export function visualRuns(line: string, rtlParagraph: boolean): Run[] {
  if (!line) return [];
  const levels = bidi.getEmbeddingLevels(line, rtlParagraph ? 'rtl' : 'ltr');
  const order = bidi.getReorderedIndices(line, levels);
  const runs: Run[] = [];
  let first = -1;
  let last = -1;
  let level = -1;
  const flush = (): void => {
    if (first < 0) return;
    runs.push({ text: line.slice(Math.min(first, last), Math.max(first, last) + 1), rtl: level % 2 === 1 });
  };
  for (const index of order) {
    const l = levels.levels[index] ?? 0;
    // Within a run, visual neighbours are logical neighbours: ascending for left-to-right, descending for right-to-left.
    const next = l % 2 === 1 ? last - 1 : last + 1;
    if (l === level && index === next) {
      last = index;
      continue;
    }
    flush();
    first = last = index;
    level = l;
  }
  flush();
  return runs;
}
