import { mount } from '@vue/test-utils';
import { nextTick, shallowRef } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import FeedPaused from '@/components/live/FeedPaused.vue';
import { useFeedHold } from '@/composables/useFeedHold';
import { toFeedItem, type FeedItem } from '@/utils/panel/feed';
import { envelope, resetPanel } from '@/tests/helpers/panel';

const items = (from: number, to: number): FeedItem[] =>
  Array.from({ length: to - from + 1 }, (_, i) => toFeedItem(envelope(from + i), 0));

beforeEach(resetPanel);

describe('useFeedHold', () => {
  it('shows the live list while nothing points at the feed', () => {
    const list = shallowRef(items(1, 3));
    const hold = useFeedHold(list);
    list.value = [...list.value, ...items(4, 5)];
    expect(hold.holding.value).toBe(false);
    expect(hold.shown.value.map((i) => i.offset)).toEqual([1, 2, 3, 4, 5]);
    expect(hold.pending.value).toBe(0);
  });

  it('holds the rows still under the pointer and counts what arrives', async () => {
    const list = shallowRef(items(1, 3));
    const hold = useFeedHold(list);
    hold.pointerEnter();
    await nextTick();
    list.value = [...list.value.slice(1), ...items(4, 15)];
    expect(hold.shown.value.map((i) => i.offset)).toEqual([1, 2, 3]);
    expect(hold.pending.value).toBe(12);
    hold.pointerLeave();
    await nextTick();
    expect(hold.shown.value.at(-1)?.offset).toBe(15);
  });

  it('stays held while a row has focus, after the pointer leaves', async () => {
    const list = shallowRef(items(1, 2));
    const hold = useFeedHold(list);
    hold.focusIn();
    hold.pointerEnter();
    hold.pointerLeave();
    await nextTick();
    list.value = [...list.value, ...items(3, 4)];
    expect(hold.shown.value).toHaveLength(2);
    hold.focusOut(false);
    await nextTick();
    expect(hold.shown.value).toHaveLength(4);
  });

  it('counts by stream position once the last held row has left the feed', async () => {
    const list = shallowRef(items(1, 3));
    const hold = useFeedHold(list);
    hold.pointerEnter();
    await nextTick();
    list.value = items(10, 14);
    expect(hold.pending.value).toBe(5);
  });

  it('runs again on resume until the pointer leaves and comes back', async () => {
    const list = shallowRef(items(1, 2));
    const hold = useFeedHold(list);
    hold.pointerEnter();
    await nextTick();
    hold.resume();
    await nextTick();
    list.value = [...list.value, ...items(3, 3)];
    expect(hold.shown.value).toHaveLength(3);
    hold.pointerLeave();
    await nextTick();
    hold.pointerEnter();
    await nextTick();
    list.value = [...list.value, ...items(4, 4)];
    expect(hold.shown.value).toHaveLength(3);
    expect(hold.pending.value).toBe(1);
  });
});

describe('FeedPaused', () => {
  it('says the feed is paused and how much is new, and resumes on click', async () => {
    const wrapper = mount(FeedPaused, { props: { pending: 12 } });
    expect(wrapper.text()).toContain('Paused, 12 new');
    await wrapper.trigger('click');
    expect(wrapper.emitted('resume')).toHaveLength(1);
  });
});
