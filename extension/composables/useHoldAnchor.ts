import { onScopeDispose, watch, type Ref } from 'vue';

/**
 * While the feed is held, keep the row under the pointer (or the focused row) where it is on screen,
 * even when something moves it: a notice appearing above the feed, a translation growing a row
 * above it. Each frame the row's top is compared with where it was aimed at and the feed scrolls
 * by the difference, so a click lands on the row that was aimed at.
 */
export function useHoldAnchor(scroller: Ref<HTMLElement | null>, holding: Ref<boolean>) {
  let anchor: { id: string; top: number } | null = null;
  let frame = 0;
  let pointer: { x: number; y: number } | null = null;
  /** the streamer is scrolling (wheel, scrollbar drag, keys): follow, don't fight, until then */
  let freeUntil = 0;
  const FREE_MS = 250;

  function rowOf(el: Element | null): HTMLElement | null {
    return (el?.closest('[data-id]') as HTMLElement | null) ?? null;
  }

  function aimAt(row: HTMLElement | null): void {
    anchor = row?.dataset.id ? { id: row.dataset.id, top: row.getBoundingClientRect().top } : null;
  }

  function keepInPlace(): void {
    frame = requestAnimationFrame(keepInPlace);
    if (performance.now() < freeUntil) {
      if (pointer) aimAt(rowOf(document.elementFromPoint(pointer.x, pointer.y)));
      return;
    }
    putBack();
  }

  /** Scroll the anchored row back to where it was aimed at. */
  function putBack(): void {
    const el = scroller.value;
    if (!anchor || !el || performance.now() < freeUntil) return;
    const row = el.querySelector<HTMLElement>(`[data-id="${CSS.escape(anchor.id)}"]`);
    if (!row) return;
    const moved = row.getBoundingClientRect().top - anchor.top;
    if (Math.abs(moved) >= 1) el.scrollTop += moved;
  }

  // Each frame catches what moved the row from outside the feed (a notice above it); a change
  // inside the feed (a row re-rendered taller) is put back right after the DOM changed, before
  // the next click or frame can see the row moved.
  const changed = typeof MutationObserver === 'undefined' ? null : new MutationObserver(putBack);

  watch(holding, (hold) => {
    cancelAnimationFrame(frame);
    changed?.disconnect();
    if (hold) {
      frame = requestAnimationFrame(keepInPlace);
      if (scroller.value) {
        changed?.observe(scroller.value, { subtree: true, childList: true, attributes: true, characterData: true });
      }
    } else anchor = null;
  });
  onScopeDispose(() => {
    cancelAnimationFrame(frame);
    changed?.disconnect();
  });

  const scrolling = () => (freeUntil = performance.now() + FREE_MS);

  return {
    /** the pointer moved: aim at the row now under it */
    pointerMove: (event: PointerEvent) => {
      pointer = { x: event.clientX, y: event.clientY };
      if (event.buttons) scrolling(); // dragging the scrollbar
      aimAt(rowOf(document.elementFromPoint(event.clientX, event.clientY)));
    },
    /** the streamer scrolls on purpose (wheel, keys): let the feed move */
    scrolling,
    /** a row got focus: keep that one in place */
    focusIn: (event: FocusEvent) => aimAt(rowOf(event.target as Element | null)),
  };
}
