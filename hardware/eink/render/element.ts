/**
 * Satori's element tree in its plain-object form (what JSX would compile to), so the hardware layer
 * needs neither React nor a JSX transform. Text goes in only as a string child: satori draws it as
 * glyphs and never parses it, which is what makes hostile calendar strings harmless here.
 */
export type Style = Readonly<Record<string, string | number>>;

export interface Element {
  readonly type: 'div';
  readonly props: {
    readonly style: Style;
    readonly children?: string | readonly Element[];
  };
}

export function div(style: Style, children?: string | readonly Element[]): Element {
  return children === undefined ? { type: 'div', props: { style: { display: 'flex', ...style } } } : { type: 'div', props: { style: { display: 'flex', ...style }, children } };
}

/** An absolutely placed box: the layouts compute every position themselves, in whole pixels. */
export function box(x: number, y: number, width: number, height: number, style: Style = {}, children?: string | readonly Element[]): Element {
  return div({ position: 'absolute', left: x, top: y, width, height, ...style }, children);
}
