import { useCallback, useEffect, useRef } from 'preact/hooks';

/** How long the room name must be held to open the PIN pad: long enough that nobody does it by chance. */
export const ADMIN_HOLD_MS = 5_000;

export interface LongPressHandlers {
  onPointerDown(e: PointerEvent): void;
  onPointerUp(e: PointerEvent): void;
  onPointerCancel(e: PointerEvent): void;
  /** pointerout bubbles (pointerleave does not): leaving the pressed element is seen from a container. */
  onPointerOut(e: PointerEvent): void;
  onContextMenu(e: MouseEvent): void;
}

interface Press {
  pointerId: number;
  element: Element;
  timer: number;
}

/**
 * Calls `onLongPress` when one pointer stays down on the same element for `ms`. Lifting it,
 * leaving the element or the browser cancelling the pointer before then cancels the press.
 * Nothing is drawn while it is held: the gesture is for staff who know it is there.
 *
 * With `selector`, the handlers go on a container and only presses on an element matching it
 * count (the container's own markup stays untouched).
 */
export function useLongPress(onLongPress: () => void, o: { ms?: number; selector?: string } = {}): LongPressHandlers {
  const ms = o.ms ?? ADMIN_HOLD_MS;
  const selector = o.selector;
  const press = useRef<Press | null>(null);
  const callback = useRef(onLongPress);
  callback.current = onLongPress;

  const cancel = useCallback((): void => {
    if (press.current) window.clearTimeout(press.current.timer);
    press.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);

  const target = useCallback(
    (e: Event): Element | null => {
      const t = e.target;
      if (!(t instanceof Element)) return null;
      if (!selector) return e.currentTarget instanceof Element ? e.currentTarget : null;
      const hit = t.closest(selector);
      return hit && e.currentTarget instanceof Node && e.currentTarget.contains(hit) ? hit : null;
    },
    [selector],
  );

  const onPointerDown = useCallback(
    (e: PointerEvent): void => {
      cancel();
      // The primary button or a finger; a second finger or a right click is not this gesture.
      if (!e.isPrimary || e.button !== 0) return;
      const element = target(e);
      if (!element) return;
      // A touch captures itself to the element it started on, which would hide a finger sliding away.
      if (e.target instanceof Element && e.target.hasPointerCapture(e.pointerId)) e.target.releasePointerCapture(e.pointerId);
      const timer = window.setTimeout(() => {
        press.current = null;
        callback.current();
      }, ms);
      press.current = { pointerId: e.pointerId, element, timer };
    },
    [cancel, target, ms],
  );

  const end = useCallback(
    (e: PointerEvent): void => {
      if (press.current?.pointerId === e.pointerId) cancel();
    },
    [cancel],
  );

  const onPointerOut = useCallback(
    (e: PointerEvent): void => {
      const p = press.current;
      if (!p || p.pointerId !== e.pointerId) return;
      const to = e.relatedTarget;
      if (!(to instanceof Node) || !p.element.contains(to)) cancel();
    },
    [cancel],
  );

  // A long touch asks for the context menu (and a text selection) after half a second: not here.
  const onContextMenu = useCallback(
    (e: MouseEvent): void => {
      if (target(e)) e.preventDefault();
    },
    [target],
  );

  return { onPointerDown, onPointerUp: end, onPointerCancel: end, onPointerOut, onContextMenu };
}
