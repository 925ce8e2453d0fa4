import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import type { FeedItem } from '@/utils/panel/feed';

/**
 * Holds the feed still while the pointer is over it or a row has focus, so a click lands on the row
 * that was aimed at. While held, `shown` is the list as it was and `pending` counts what arrived since.
 * `resume()` lets the feed run again until the pointer leaves and focus moves away.
 */
export function useFeedHold(items: Ref<readonly FeedItem[]>) {
  const hovered = ref(false);
  const focused = ref(false);
  const resumed = ref(false);
  const held = shallowRef<readonly FeedItem[] | null>(null);
  const holding = computed(() => (hovered.value || focused.value) && !resumed.value);

  watch(holding, (hold) => (held.value = hold ? items.value : null), { immediate: true });
  watch([hovered, focused], ([pointer, focus]) => {
    if (!pointer && !focus) resumed.value = false;
  });

  const shown = computed(() => held.value ?? items.value);
  const pending = computed(() => {
    const snapshot = held.value;
    if (!snapshot) return 0;
    const last = snapshot.at(-1);
    if (!last) return items.value.length;
    for (let i = items.value.length - 1; i >= 0; i--) {
      if (items.value[i]!.id === last.id) return items.value.length - 1 - i;
    }
    // the last held row has left the feed (cap or filter): count by stream position
    return items.value.filter((item) => item.offset > last.offset).length;
  });

  return {
    shown,
    pending,
    holding,
    resume: () => (resumed.value = true),
    pointerEnter: () => (hovered.value = true),
    pointerLeave: () => (hovered.value = false),
    focusIn: () => (focused.value = true),
    /** `inside`: focus moved to another element of the feed */
    focusOut: (inside: boolean) => (focused.value = inside),
  };
}
