import type { SetupContent } from '../panel-content.js';
import { box, type Element } from './element.js';
import type { TextMeasure } from './fonts.js';
import { page, scaler, type Layout, type Size } from './layout.js';
import { planQr, QUIET_MODULES, type QrPlacement } from './qr.js';
import { textBlock } from './text-block.js';
import { cleanText, fitSize } from './text-fit.js';

/**
 * Room name and title across the top, the QR code as large as the rest of the height allows on
 * the left, the lines (code, address to type, device name) beside it. The QR area is left blank
 * here and painted into the frame afterwards on whole pixels.
 */
export function setupLayout(content: SetupContent, size: Size, measure: TextMeasure): Layout {
  const px = scaler(size);
  const margin = px(24);
  const inner = size.width - 2 * margin;
  const children: Element[] = [];
  let y = px(16);

  const roomSize = px(24);
  const room = textBlock({ text: content.roomName, style: { size: roomSize, weight: 500 }, width: inner, maxLines: 1, lineHeight: Math.round(roomSize * 1.3), align: 'start', ink: 'black' }, measure);
  children.push(box(margin, y, inner, room.height, {}, [room.element]));
  y += room.height;

  const titleSize = px(44);
  const title = textBlock({ text: content.title, style: { size: titleSize, weight: 800 }, width: inner, maxLines: 2, lineHeight: Math.round(titleSize * 1.2), align: 'start', ink: 'black' }, measure);
  children.push(box(margin, y, inner, title.height, {}, [title.element]));
  y += title.height + px(4);

  // The quiet zone is white paper anyway, so it may reach into the margins.
  const plan = planQr(content.qrText, Math.min(size.height - y, Math.floor(size.width * 0.5)));
  let qr: QrPlacement | null = null;
  let textLeft = margin;
  if (plan) {
    const x = Math.max(0, margin - QUIET_MODULES * plan.moduleSize);
    qr = { ...plan, x, y };
    textLeft = x + plan.side + px(8);
  }

  let lineY = y + px(16);
  const width = size.width - margin - textLeft;
  content.lines.forEach((text, i) => {
    // The first line is the short code, the one thing that has to be copied letter by letter.
    const weight = i === 0 ? 800 : 500;
    // These lines are typed in by hand (a code, an address): shrink until the longest word fits
    // whole on a line rather than breaking it or cutting it off.
    const longest = cleanText(text, measure)
      .split(' ')
      .reduce((a, b) => (measure.width(b, 1, weight) > measure.width(a, 1, weight) ? b : a), '');
    const style = { size: fitSize(longest, weight, i === 0 ? px(36) : px(26), Math.max(px(20), 14), width, measure), weight } as const;
    const lineHeight = Math.round(style.size * 1.3);
    const room = size.height - margin - lineY;
    const maxLines = Math.min(3, Math.floor(room / lineHeight));
    if (maxLines < 1) return;
    const block = textBlock({ text, style, width, maxLines, lineHeight, align: 'start', ink: 'black' }, measure);
    children.push(box(textLeft, lineY, width, block.height, {}, [block.element]));
    lineY += block.height + px(14);
  });
  return { root: page(size, children), qr };
}
