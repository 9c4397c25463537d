import { encode } from 'uqr';

/** ISO/IEC 18004 asks for 4 light modules around the symbol; phones fail more often with less. */
export const QUIET_ZONE = 4;

export interface QrMatrix {
  /** Modules per side, quiet zone included. */
  readonly size: number;
  /** SVG path data of the dark modules, in module units, offset by the quiet zone. */
  readonly path: string;
}

/**
 * The QR symbol for `text`, or null when it cannot be encoded (far too long).
 * ECC M survives glare and a smudged panel at the cost of a slightly denser symbol.
 */
export function qrMatrix(text: string): QrMatrix | null {
  let modules: boolean[][];
  try {
    modules = encode(text, { ecc: 'M', border: 0 }).data;
  } catch {
    return null;
  }
  return { size: modules.length + 2 * QUIET_ZONE, path: darkModulesPath(modules, QUIET_ZONE) };
}

/** One rectangle per horizontal run of dark modules: a few hundred path commands instead of thousands of nodes. */
export function darkModulesPath(modules: readonly (readonly boolean[])[], offset: number): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      parts.push(`M${start + offset} ${y + offset}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}
