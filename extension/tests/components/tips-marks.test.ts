import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import HideMoneyBadge from '@/components/HideMoneyBadge.vue';
import FeedRow from '@/components/live/FeedRow.vue';
import TipSettings from '@/components/settings/TipSettings.vue';
import { useSettingsStore } from '@/stores/settings';
import { useViewersStore } from '@/stores/viewers';
import { toFeedItem } from '@/utils/panel/feed';
import { isBigTip } from '@/utils/panel/highlights';
import { getSettings } from '@/utils/shared/storage';
import { envelope, fakeApi, resetPanel, tip } from '@/tests/helpers/panel';

beforeEach(resetPanel);

describe('big tips', () => {
  it('count from the threshold up, and never when it is 0', () => {
    const item = toFeedItem(tip(1, 100), 0);
    expect(isBigTip(item, 100)).toBe(true);
    expect(isBigTip(item, 101)).toBe(false);
    expect(isBigTip(item, 0)).toBe(false);
    expect(isBigTip(toFeedItem(envelope(2), 0), 1)).toBe(false);
  });

  it('get the strong highlight in the feed', () => {
    useSettingsStore().settings.bigTipThreshold = 500;
    const big = mount(FeedRow, { props: { item: toFeedItem(tip(1, 500), 0) } });
    const small = mount(FeedRow, { props: { item: toFeedItem(tip(2, 25), 0) } });
    expect(big.classes()).toContain('big-tip');
    expect(big.attributes('data-big-tip')).toBe('true');
    expect(small.classes()).not.toContain('big-tip');
  });

  it('threshold and sound are saved from Settings', async () => {
    const wrapper = mount(TipSettings);
    await wrapper.get('#big-tip').setValue('250');
    await wrapper.get('#big-tip').trigger('change');
    await wrapper.get('input[name="bigTipSound"]').setValue(true);
    await flushPromises();
    expect(await getSettings()).toMatchObject({ bigTipThreshold: 250, bigTipSound: true });
  });
});

describe('viewer marks in the feed', () => {
  it('mark fan-club members, the first row of a new viewer, and viewers with notes', async () => {
    const viewers = useViewersStore();
    const first = toFeedItem(envelope(1, { user: { username: 'Maria', inFanclub: true } }), 0);
    const second = toFeedItem(envelope(2, { user: { username: 'maria', inFanclub: true } }), 0);
    viewers.observe([first, second]);
    const marks = (item: typeof first) =>
      mount(FeedRow, { props: { item } })
        .findAll('[data-mark]')
        .map((m) => m.attributes('data-mark'));
    expect(marks(first)).toEqual(['fanclub', 'new']);
    expect(marks(second)).toEqual(['fanclub']);
    viewers.setNotes('MARIA', 'tips on Fridays');
    await flushPromises();
    expect(marks(second)).toEqual(['fanclub', 'notes']);
  });

  it('mark every viewer with notes on the server, not only those opened this session', async () => {
    const notedViewers = vi.fn(async (broadcaster: string) => ({
      broadcaster,
      usernames: ['Maria', 'ünï 😀'],
      truncated: false,
    }));
    fakeApi({ notedViewers });
    await useSettingsStore().save({ broadcaster: 'alice' });
    const viewers = useViewersStore();
    await viewers.init();
    expect(notedViewers).toHaveBeenCalledWith('alice');
    const marks = (username: string) =>
      mount(FeedRow, { props: { item: toFeedItem(envelope(1, { user: { username } }), 0) } })
        .findAll('[data-mark]')
        .map((m) => m.attributes('data-mark'));
    expect(marks('maria')).toContain('notes');
    expect(marks('ünï 😀')).toContain('notes');
    expect(marks('kim')).not.toContain('notes');
    viewers.setNotes('maria', ''); // cleared in her card
    expect(marks('maria')).not.toContain('notes');
    viewers.clear(); // another room: other viewers
    expect(viewers.noted.size).toBe(0);
  });

  it('keep the feed working without marks when the list cannot be read', async () => {
    fakeApi({
      notedViewers: async () => {
        throw new Error('offline');
      },
    });
    await useSettingsStore().save({ broadcaster: 'alice' });
    await useViewersStore().init();
    expect(useViewersStore().noted.size).toBe(0);
  });

  it('does not count entering the room as showing up', () => {
    const viewers = useViewersStore();
    const enter = toFeedItem(envelope(1, { method: 'userEnter', user: { username: 'kim' }, message: undefined }), 0);
    const chat = toFeedItem(envelope(2, { user: { username: 'kim' } }), 0);
    viewers.observe([enter, chat]);
    expect(viewers.firstRow.get('kim')).toBe(chat.id);
  });
});

describe('HideMoneyBadge', () => {
  it('shows in the header only while money is hidden, and turns it off on click', async () => {
    const settings = useSettingsStore();
    const wrapper = mount(HideMoneyBadge);
    expect(wrapper.find('[data-testid="money-hidden"]').exists()).toBe(false);
    await settings.save({ hideMoney: true });
    await flushPromises();
    await wrapper.get('[data-testid="money-hidden"]').trigger('click');
    await flushPromises();
    expect(settings.settings.hideMoney).toBe(false);
  });
});
