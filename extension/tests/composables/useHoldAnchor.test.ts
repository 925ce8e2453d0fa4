import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { useHoldAnchor } from '@/composables/useHoldAnchor';

/** A feed with one row whose on-screen top the test sets (jsdom has no layout). */
function feed() {
  const scroller = document.createElement('div');
  const row = document.createElement('div');
  row.dataset.id = 'ev-7';
  scroller.append(row);
  document.body.append(scroller);
  let top = 100;
  row.getBoundingClientRect = () => ({ top }) as DOMRect;
  return { scroller, row, moveRowTo: (next: number) => (top = next) };
}

describe('useHoldAnchor', () => {
  it('puts a held row back as soon as a change inside the feed moved it, before the next frame', async () => {
    const { scroller, row, moveRowTo } = feed();
    const holding = ref(false);
    const scope = effectScope();
    const anchor = scope.run(() => useHoldAnchor(ref(scroller), holding))!;
    holding.value = true;
    await nextTick();
    anchor.focusIn({ target: row } as unknown as FocusEvent);
    moveRowTo(130); // a row above grew by 30 px
    row.setAttribute('style', 'transform: translateY(130px)');
    await Promise.resolve(); // mutation observers run as microtasks
    expect(scroller.scrollTop).toBe(30);
    scope.stop();
  });

  it('leaves the feed alone when it is not held', async () => {
    const { scroller, row, moveRowTo } = feed();
    const scope = effectScope();
    const anchor = scope.run(() => useHoldAnchor(ref(scroller), ref(false)))!;
    anchor.focusIn({ target: row } as unknown as FocusEvent);
    moveRowTo(160);
    row.setAttribute('style', 'transform: translateY(160px)');
    await Promise.resolve();
    expect(scroller.scrollTop).toBe(0);
    scope.stop();
  });
});
