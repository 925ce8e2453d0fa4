import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '@/utils/api/client';
import { recentFeedLoader } from '@/utils/background/recent-feed';

function serverAnswering(body: unknown) {
  const urls: string[] = [];
  const inits: RequestInit[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    urls.push(String(input));
    inits.push(init ?? {});
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  const api = createApiClient({ serverUrl: () => 'http://srv:1', getToken: async () => 'tok', fetch });
  return { api, urls, inits };
}

describe('recentFeedLoader', () => {
  it('asks GET /events/{broadcaster} for the newest events up to the head', async () => {
    const items = [{ offset: 7, event: { id: 'a', broadcaster: 'alice', method: 'tip' } }];
    const { api, urls, inits } = serverAnswering({ broadcaster: 'alice', position: {}, items, next_after: null });
    const load = recentFeedLoader(api, 100);
    expect(await load('alice', { offset: 250, epoch: 'e2' })).toEqual(items);
    expect(await load('alice', { offset: 30, epoch: 'e2' })).toEqual(items);
    expect(urls).toEqual([
      'http://srv:1/api/v1/events/alice?after=150&limit=100',
      'http://srv:1/api/v1/events/alice?after=0&limit=100',
    ]);
    expect((inits[0]!.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });
});
