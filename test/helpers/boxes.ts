import type { Page } from 'playwright-core';

/** Where an element sits on the page, in CSS pixels. */
export type Box = { x: number; y: number; width: number; height: number };

export async function box(page: Page, testId: string): Promise<Box> {
  const b = await page.getByTestId(testId).boundingBox();
  if (!b) throw new Error(`${testId} is not on screen`);
  return b;
}

/** Wholly on a width×height screen (half a pixel of rounding allowed). */
export const inside = (b: Box, width: number, height: number): boolean => b.x >= 0 && b.y >= 0 && b.x + b.width <= width + 0.5 && b.y + b.height <= height + 0.5;

export const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
