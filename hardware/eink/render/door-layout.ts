import type { DoorContent, PanelMeeting, PanelStatus } from '../panel-content.js';
import { box, type Element } from './element.js';
import type { TextMeasure } from './fonts.js';
import { page, scaler, type Layout, type Size } from './layout.js';
import { textBlock, type Ink, type TextBlockSpec } from './text-block.js';
import { cleanText, fitSize } from './text-fit.js';

/**
 * Occupied states get a solid black band with white text, so "the room is taken" reads from the
 * end of a corridor by its shape alone; free stays white with black text.
 */
function inverted(status: PanelStatus): boolean {
  return status === 'busy' || status === 'awaiting-checkin';
}

type Px = (designPx: number) => number;

interface Placed {
  readonly elements: Element[];
  /** First free y below what was placed. */
  readonly bottom: number;
}

function place(x: number, y: number, spec: TextBlockSpec, measure: TextMeasure): { element: Element; height: number } {
  const block = textBlock(spec, measure);
  return { element: box(x, y, spec.width, block.height, {}, [block.element]), height: block.height };
}

/** Room name on the left, date on the right; when both do not fit, each keeps at least half the line. */
function header(content: DoorContent, px: Px, size: Size, ink: Ink, measure: TextMeasure): Placed {
  const margin = px(28);
  const inner = size.width - 2 * margin;
  const y = px(18);
  const style = { size: px(26), weight: 500 } as const;
  const lineHeight = Math.round(style.size * 1.3);
  const gap = px(20);
  const needed = (text: string, weight: 500 | 700): number => Math.ceil(measure.width(cleanText(text, measure), style.size, weight) * 1.04) + 2;
  const dateWidth = Math.min(needed(content.date, 500), Math.max(Math.floor((inner - gap) / 2), inner - gap - needed(content.roomName, 700)));
  const date = place(size.width - margin - dateWidth, y, { text: content.date, style, width: dateWidth, maxLines: 1, lineHeight, align: 'right', ink }, measure);
  const room = place(margin, y, { text: content.roomName, style: { size: style.size, weight: 700 }, width: inner - dateWidth - gap, maxLines: 1, lineHeight, align: 'left', ink }, measure);
  return { elements: [room.element, date.element], bottom: y + lineHeight };
}

/** The status word as large as the width allows, its detail, and the meeting under way. */
function statusBand(content: DoorContent, px: Px, size: Size, top: number, ink: Ink, measure: TextMeasure): Placed {
  const margin = px(28);
  const inner = size.width - 2 * margin;
  const elements: Element[] = [];
  let y = top + px(4);

  const wordSize = fitSize(cleanText(content.statusWord, measure), 800, px(136), px(64), inner, measure);
  const word = place(margin, y, { text: content.statusWord, style: { size: wordSize, weight: 800 }, width: inner, maxLines: 1, lineHeight: Math.round(wordSize * 1.12), align: 'left', ink }, measure);
  elements.push(word.element);
  y += word.height;

  const detailSize = fitSize(cleanText(content.statusDetail, measure), 500, px(36), px(28), inner, measure);
  const detail = place(margin, y, { text: content.statusDetail, style: { size: detailSize, weight: 500 }, width: inner, maxLines: 1, lineHeight: Math.round(detailSize * 1.3), align: 'left', ink }, measure);
  elements.push(detail.element);
  y += detail.height;

  if (content.current) {
    y += px(10);
    const subjectSize = px(34);
    const subject = place(margin, y, { text: content.current.subject, style: { size: subjectSize, weight: 700 }, width: inner, maxLines: 2, lineHeight: Math.round(subjectSize * 1.22), align: 'start', ink }, measure);
    elements.push(subject.element);
    y += subject.height;
  }
  return { elements, bottom: y + px(18) };
}

/** The offline notice in a bordered strip along the bottom edge. */
function noticeStrip(notice: string, px: Px, size: Size, measure: TextMeasure): Placed & { top: number } {
  const margin = px(16);
  const border = px(4);
  const pad = px(10);
  const width = size.width - 2 * margin;
  const textSize = px(24);
  const block = textBlock({ text: notice, style: { size: textSize, weight: 700 }, width: width - 2 * (border + pad), maxLines: 2, lineHeight: Math.round(textSize * 1.3), align: 'start', ink: 'black' }, measure);
  const height = block.height + 2 * (border + pad);
  const top = size.height - margin - height;
  const strip = box(margin, top, width, height, { boxSizing: 'border-box', border: `${border}px solid black`, padding: pad, backgroundColor: 'white' }, [block.element]);
  return { elements: block.height > 0 ? [strip] : [], bottom: size.height - margin, top: block.height > 0 ? top : size.height };
}

/** "Next" and as many of the coming meetings as fit between `top` and `bottom`; the rest are dropped, never squeezed. */
function nextList(content: DoorContent, px: Px, size: Size, top: number, bottom: number, measure: TextMeasure): Element[] {
  const margin = px(28);
  const inner = size.width - 2 * margin;
  const heading = { size: px(22), weight: 700 } as const;
  const headingHeight = Math.round(heading.size * 1.4);
  const rowStyle = { size: px(28), weight: 500 } as const;
  const rowHeight = Math.round(rowStyle.size * 1.38);
  const rows = Math.min(Math.max(content.next.length, 1), Math.floor((bottom - top - headingHeight) / rowHeight));
  if (rows < 1) return [];

  const elements = [place(margin, top, { text: content.nextHeading, style: heading, width: inner, maxLines: 1, lineHeight: headingHeight, align: 'left', ink: 'black' }, measure).element];
  const y = top + headingHeight;
  if (content.next.length === 0) {
    elements.push(place(margin, y, { text: content.emptyNext, style: rowStyle, width: inner, maxLines: 1, lineHeight: rowHeight, align: 'left', ink: 'black' }, measure).element);
    return elements;
  }
  const shown: readonly PanelMeeting[] = content.next.slice(0, rows);
  const timeStyle = { size: rowStyle.size, weight: 700 } as const;
  const widest = Math.max(...shown.map((m) => measure.width(cleanText(m.time, measure), timeStyle.size, timeStyle.weight)));
  const timeWidth = Math.min(Math.ceil(widest * 1.04) + 2, Math.floor(inner * 0.4));
  const gap = px(22);
  shown.forEach((meeting, i) => {
    const rowY = y + i * rowHeight;
    elements.push(place(margin, rowY, { text: meeting.time, style: timeStyle, width: timeWidth, maxLines: 1, lineHeight: rowHeight, align: 'left', ink: 'black' }, measure).element);
    elements.push(place(margin + timeWidth + gap, rowY, { text: meeting.subject, style: rowStyle, width: inner - timeWidth - gap, maxLines: 1, lineHeight: rowHeight, align: 'start', ink: 'black' }, measure).element);
  });
  return elements;
}

export function doorLayout(content: DoorContent, size: Size, measure: TextMeasure): Layout {
  const px = scaler(size);
  const ink: Ink = inverted(content.status) ? 'white' : 'black';
  const head = header(content, px, size, ink, measure);
  const band = statusBand(content, px, size, head.bottom, ink, measure);
  const notice = content.notice === null ? null : noticeStrip(content.notice, px, size, measure);

  const children: Element[] = [];
  if (inverted(content.status)) {
    children.push(box(0, 0, size.width, band.bottom, { backgroundColor: 'black' }));
  } else if (content.status === 'soon') {
    // Still free, but not for long: the band is outlined, halfway between white and black.
    children.push(box(0, 0, size.width, band.bottom, { boxSizing: 'border-box', border: `${px(10)}px solid black` }));
  } else {
    // A heavy rule keeps the white band's edge as clear as the black one's.
    children.push(box(px(28), band.bottom - px(6), size.width - 2 * px(28), px(6), { backgroundColor: 'black' }));
  }
  children.push(...head.elements, ...band.elements);
  children.push(...nextList(content, px, size, band.bottom + px(16), (notice?.top ?? size.height) - px(10), measure));
  if (notice) children.push(...notice.elements);
  return { root: page(size, children), qr: null };
}
