import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Font } from 'satori';
import { parseFontMetrics, type FontMetrics } from './font-metrics.js';

/** The weights the layouts use: medium for body text (thin strokes break up at 1 bit), bold, extra bold for the status word. */
export type Weight = 500 | 700 | 800;
export const WEIGHTS: readonly Weight[] = [500, 700, 800];

/**
 * Fontsource splits each typeface into unicode-range subsets; each becomes its own family so the
 * fallback order is explicit (satori and the measurer walk the same list). WOFF, not WOFF2:
 * satori's parser reads WOFF 1 and TrueType.
 */
const FAMILIES = [
  { family: 'Inter', file: (w: Weight) => `@fontsource/inter/files/inter-latin-${w}-normal.woff` },
  { family: 'Inter Ext', file: (w: Weight) => `@fontsource/inter/files/inter-latin-ext-${w}-normal.woff` },
  { family: 'Inter Cyrillic', file: (w: Weight) => `@fontsource/inter/files/inter-cyrillic-${w}-normal.woff` },
  { family: 'Inter Greek', file: (w: Weight) => `@fontsource/inter/files/inter-greek-${w}-normal.woff` },
  { family: 'Noto Sans Hebrew', file: (w: Weight) => `@fontsource/noto-sans-hebrew/files/noto-sans-hebrew-hebrew-${w}-normal.woff` },
] as const;

/** The CSS font-family list every text element uses. */
export const FONT_FAMILY = FAMILIES.map((f) => `'${f.family}'`).join(', ');

/** Widths in pixels as the layouts need them, before satori runs. */
export interface TextMeasure {
  width(text: string, size: number, weight: Weight): number;
  /** Whether any of the fonts has a glyph for this character. */
  covers(codePoint: number): boolean;
}

export interface FontAssets {
  /** One array for every satori call: satori caches its parsed fonts per array. */
  readonly satoriFonts: Font[];
  readonly measure: TextMeasure;
}

function createMeasure(metrics: ReadonlyMap<Weight, readonly FontMetrics[]>): TextMeasure {
  // Advances in em per weight and character: a render measures a few thousand characters.
  const cache = new Map<Weight, Map<number, number>>();
  const emAdvance = (codePoint: number, weight: Weight): number => {
    let perWeight = cache.get(weight);
    if (!perWeight) cache.set(weight, (perWeight = new Map()));
    const known = perWeight.get(codePoint);
    if (known !== undefined) return known;
    const faces = metrics.get(weight) ?? [];
    let em: number | undefined;
    for (const face of faces) {
      const advance = face.advance(codePoint);
      if (advance !== undefined) {
        em = advance / face.unitsPerEm;
        break;
      }
    }
    const first = faces[0];
    em ??= first ? first.missingAdvance / first.unitsPerEm : 0.6;
    perWeight.set(codePoint, em);
    return em;
  };
  const anyWeight = metrics.get(500) ?? [];
  return {
    width(text, size, weight) {
      let em = 0;
      for (const ch of text) em += emAdvance(ch.codePointAt(0) ?? 0, weight);
      return em * size;
    },
    covers(codePoint) {
      return anyWeight.some((face) => face.advance(codePoint) !== undefined);
    },
  };
}

async function load(): Promise<FontAssets> {
  // Resolved through the package's exports, so the same code works from the sources and from dist/.
  const require = createRequire(import.meta.url);
  const satoriFonts: Font[] = [];
  const metrics = new Map<Weight, FontMetrics[]>();
  const files = await Promise.all(
    WEIGHTS.flatMap((weight) => FAMILIES.map(async (f) => ({ weight, family: f.family, data: await readFile(require.resolve(f.file(weight))) }))),
  );
  for (const { weight, family, data } of files) {
    satoriFonts.push({ name: family, data, weight, style: 'normal' });
    const list = metrics.get(weight) ?? [];
    list.push(parseFontMetrics(data));
    metrics.set(weight, list);
  }
  return { satoriFonts, measure: createMeasure(metrics) };
}

let assets: Promise<FontAssets> | undefined;

/** Loads and parses the fonts once per process; later calls share the same promise. */
export function fontAssets(): Promise<FontAssets> {
  assets ??= load().catch((error: unknown) => {
    // A failed read (a package missing in a broken install) must not stick: the next render retries.
    assets = undefined;
    throw error;
  });
  return assets;
}
