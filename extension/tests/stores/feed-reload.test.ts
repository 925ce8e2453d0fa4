import { beforeEach, describe, expect, it } from 'vitest';
import { useFeedStore } from '@/stores/feed';
import { onMessage, sendMessage } from '@/utils/shared/messaging';
import { envelope, resetPanel } from '@/tests/helpers/panel';

beforeEach(resetPanel);

describe('feed store reload', () => {
  it('replaces the feed with the reloaded one, then follows hub:event', async () => {
    onMessage('hub:recent', () => [envelope(899), envelope(900)]);
    const feed = useFeedStore();
    await feed.init();
    await sendMessage('hub:reload', [envelope(1), envelope(2)]);
    expect(feed.items.map((i) => i.offset)).toEqual([1, 2]);
    await sendMessage('hub:event', [envelope(3)]);
    expect(feed.items.map((i) => i.offset)).toEqual([1, 2, 3]);
  });
});
