import { isRtl, visualRuns } from './bidi-runs.js';
import { div, type Element } from './element.js';
import { FONT_FAMILY, type TextMeasure } from './fonts.js';
import { cleanText, fitLines, type TextStyle } from './text-fit.js';

/** `start` is left for left-to-right text and right for right-to-left text, like CSS `text-align: start` with `dir="auto"`. */
export type Align = 'start' | 'left' | 'center' | 'right';
export type Ink = 'black' | 'white';

export interface TextBlockSpec {
  /** Raw, possibly hostile text: cleaned, fitted and reordered here. */
  readonly text: string;
  readonly style: TextStyle;
  readonly width: number;
  readonly maxLines: number;
  readonly lineHeight: number;
  readonly align: Align;
  readonly ink: Ink;
}

export interface TextBlock {
  readonly element: Element;
  /** Lines actually used times the line height; 0 for empty text. */
  readonly height: number;
  readonly lines: number;
}

const JUSTIFY = { left: 'flex-start', center: 'center', right: 'flex-end' } as const;

function runElement(text: string, rtl: boolean, spaceWidth: number): Element {
  // Spaces at a run's edges become margins on the visual side they belong to, so satori never
  // has to decide where a leading space of a right-to-left run goes.
  const lead = text.length - text.trimStart().length;
  // A run of nothing but spaces (between two numbers in Hebrew text, say) counts them once.
  const trail = text.trim() ? text.length - text.trimEnd().length : 0;
  const left = (rtl ? trail : lead) * spaceWidth;
  const right = (rtl ? lead : trail) * spaceWidth;
  return div({ flexShrink: 0, whiteSpace: 'pre', direction: rtl ? 'rtl' : 'ltr', marginLeft: left, marginRight: right }, text.trim());
}

/** A block of at most `maxLines` lines that never draws outside `width` × its height. */
export function textBlock(spec: TextBlockSpec, measure: TextMeasure): TextBlock {
  const { style, width, lineHeight } = spec;
  const text = cleanText(spec.text, measure);
  const fitted = fitLines(text, style, width, spec.maxLines, measure);
  const rtl = isRtl(text);
  const align = spec.align === 'start' ? (rtl ? 'right' : 'left') : spec.align;
  const spaceWidth = measure.width(' ', style.size, style.weight);
  const lines = fitted.lines.map((line) =>
    div(
      { flexDirection: 'row', alignItems: 'baseline', justifyContent: JUSTIFY[align], width, height: lineHeight, overflow: 'hidden' },
      visualRuns(line, rtl).map((run) => runElement(run.text, run.rtl, spaceWidth)),
    ),
  );
  const height = lines.length * lineHeight;
  const element = div(
    {
      flexDirection: 'column',
      width,
      height,
      overflow: 'hidden',
      fontFamily: FONT_FAMILY,
      fontSize: style.size,
      fontWeight: style.weight,
      lineHeight: `${lineHeight}px`,
      color: spec.ink,
    },
    lines,
  );
  return { element, height, lines: lines.length };
}
