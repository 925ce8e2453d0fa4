/** The recent feed over REST, for a subscribe that could not replay what was missed (`recovered: false`). */
import type { ApiClient } from '@/utils/api/client';
import type { StreamPosition } from '@/utils/hub/position';
import { RELOAD_LIMIT } from '@/utils/hub/recovery';
import type { HubEnvelope } from '@/utils/shared/types';

/** The newest `limit` events up to `head`: GET /api/v1/events/{broadcaster}?after=&limit=. */
export function recentFeedLoader(api: Pick<ApiClient, 'roomEvents'>, limit = RELOAD_LIMIT) {
  return async (broadcaster: string, head: StreamPosition): Promise<HubEnvelope[]> => {
    const page = await api.roomEvents(broadcaster, { after: Math.max(0, head.offset - limit), limit });
    return page.items;
  };
}
