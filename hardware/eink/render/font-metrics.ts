import { inflateSync } from 'node:zlib';

/**
 * Advance widths and character coverage of one font file (WOFF 1, TTF or OTF). The layouts break
 * lines and place ellipses themselves, because they reorder right-to-left text line by line with
 * bidi-js (satori's simplified bidi turns "10:15" into "15:10" in Hebrew text); that needs widths
 * before satori runs. Kerning is left out: it narrows Latin text more often than it widens it, and
 * the fitting keeps a margin for the rest.
 */
export interface FontMetrics {
  readonly unitsPerEm: number;
  /** Advance of the glyph for `codePoint` in font units, or undefined when the font lacks it. */
  advance(codePoint: number): number | undefined;
  /** Advance of glyph 0, the box a renderer draws for characters the font lacks. */
  readonly missingAdvance: number;
}

const WOFF = 0x774f4646;
const TRUETYPE = 0x00010000;
const OPENTYPE = 0x4f54544f;

function tablesOf(file: Buffer): Map<string, Buffer> {
  const tables = new Map<string, Buffer>();
  const signature = file.readUInt32BE(0);
  const count = file.readUInt16BE(signature === WOFF ? 12 : 4);
  for (let i = 0; i < count; i++) {
    if (signature === WOFF) {
      const at = 44 + i * 20;
      const offset = file.readUInt32BE(at + 4);
      const stored = file.readUInt32BE(at + 8);
      const length = file.readUInt32BE(at + 12);
      const data = file.subarray(offset, offset + stored);
      tables.set(file.toString('latin1', at, at + 4), stored < length ? inflateSync(data) : data);
    } else if (signature === TRUETYPE || signature === OPENTYPE) {
      const at = 12 + i * 16;
      const offset = file.readUInt32BE(at + 8);
      tables.set(file.toString('latin1', at, at + 4), file.subarray(offset, offset + file.readUInt32BE(at + 12)));
    } else {
      throw new Error(`not a WOFF, TrueType or OpenType font (signature 0x${signature.toString(16)})`);
    }
  }
  return tables;
}

function requireTable(tables: Map<string, Buffer>, tag: string): Buffer {
  const table = tables.get(tag);
  if (!table) throw new Error(`font has no '${tag}' table`);
  return table;
}

/** Format 4: the 16-bit segment map every Windows-encoded font has. */
function readFormat4(cmap: Buffer, at: number, into: Map<number, number>): void {
  const segments = cmap.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const start = cmap.readUInt16BE(starts + s * 2);
    const end = cmap.readUInt16BE(ends + s * 2);
    const delta = cmap.readUInt16BE(deltas + s * 2);
    const rangeOffset = cmap.readUInt16BE(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (c + delta) & 0xffff;
      } else {
        const raw = cmap.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) into.set(c, glyph);
    }
  }
}

/** Format 12: 32-bit groups, for fonts with characters beyond the Basic Multilingual Plane. */
function readFormat12(cmap: Buffer, at: number, into: Map<number, number>): void {
  const groups = cmap.readUInt32BE(at + 12);
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + g * 12;
    const start = cmap.readUInt32BE(group);
    const end = cmap.readUInt32BE(group + 4);
    const glyph = cmap.readUInt32BE(group + 8);
    for (let c = start; c <= end; c++) into.set(c, glyph + (c - start));
  }
}

function readCmap(cmap: Buffer): Map<number, number> {
  const map = new Map<number, number>();
  const count = cmap.readUInt16BE(2);
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0; i < count; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const offset = cmap.readUInt32BE(8 + i * 8);
    // Unicode (0) and Windows (3) subtables are Unicode-keyed; Macintosh Roman ones are not.
    if (platform !== 0 && platform !== 3) continue;
    const format = cmap.readUInt16BE(offset);
    if (format === 12) format12 ??= offset;
    if (format === 4) format4 ??= offset;
  }
  if (format12 !== undefined) readFormat12(cmap, format12, map);
  else if (format4 !== undefined) readFormat4(cmap, format4, map);
  return map;
}

export function parseFontMetrics(file: Buffer): FontMetrics {
  const tables = tablesOf(file);
  const unitsPerEm = requireTable(tables, 'head').readUInt16BE(18);
  const longMetrics = requireTable(tables, 'hhea').readUInt16BE(34);
  const hmtx = requireTable(tables, 'hmtx');
  const glyphs = readCmap(requireTable(tables, 'cmap'));
  const advanceOf = (glyph: number): number => hmtx.readUInt16BE(Math.min(glyph, longMetrics - 1) * 4);
  return {
    unitsPerEm,
    missingAdvance: advanceOf(0),
    advance(codePoint) {
      const glyph = glyphs.get(codePoint);
      return glyph === undefined ? undefined : advanceOf(glyph);
    },
  };
}
