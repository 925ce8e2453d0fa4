import { describe, expect, it, vi } from 'vitest';
import { apiUrl, createApiClient, mintDevToken } from '@/utils/api/client';
import { ApiError } from '@/utils/shared/errors';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function client(responses: Response[], onTokenRejected?: () => Promise<boolean>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = responses.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next;
  });
  let token = 't1';
  const api = createApiClient({
    serverUrl: () => 'http://127.0.0.1:5000/',
    getToken: async () => token,
    onTokenRejected: onTokenRejected && (async () => ((token = 't2'), onTokenRejected())),
    fetch: fetchFn,
  });
  return { api, calls };
}

describe('api client', () => {
  it('builds /api/v1 URLs with query parameters', () => {
    expect(apiUrl('http://h:5000/', '/analytics/a/summary', { from: 'x', to: undefined })).toBe(
      'http://h:5000/api/v1/analytics/a/summary?from=x',
    );
  });

  it('sends the bearer token and JSON body', async () => {
    const { api, calls } = client([json(200, { suggestions: ['hi'] })]);
    expect(await api.reply({ broadcaster: 'alice', message: 'hey', n: 1 })).toEqual({ suggestions: ['hi'] });
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer t1');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ broadcaster: 'alice', message: 'hey', n: 1 });
  });

  it('throws the server error shape as ApiError', async () => {
    const { api } = client([json(429, { code: 'quota_exceeded', message: 'over', details: { limit: 20 } })]);
    await expect(api.reply({ broadcaster: 'a' })).rejects.toMatchObject({
      status: 429,
      code: 'quota_exceeded',
      details: { limit: 20 },
    });
  });

  it('retries once with a refreshed token on token_expired', async () => {
    const { api, calls } = client(
      [json(401, { code: 'token_expired', message: 'expired', details: null }), json(200, { tier: 'free' })],
      async () => true,
    );
    await api.subscription();
    expect(calls).toHaveLength(2);
    expect((calls[1]!.init.headers as Record<string, string>).Authorization).toBe('Bearer t2');
  });

  it('reports network failure as network_error', async () => {
    const { api } = client([]);
    const err = await api.me().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'network_error', status: 0 });
  });

  it('escapes path segments', async () => {
    const { api, calls } = client([json(200, {})]);
    await api.saveViewerNotes('alice', 'bob/x', 'vip');
    expect(calls[0]!.url).toBe('http://127.0.0.1:5000/api/v1/analytics/alice/viewers/bob%2Fx/notes');
    expect(calls[0]!.init.method).toBe('PUT');
  });

  it('asks for a period leaderboard with the window in the query', async () => {
    const board = { broadcaster: 'alice', scope: 'period', window: null, leaders: [], king: null };
    const { api, calls } = client([json(200, board)]);
    const query = { scope: 'period' as const, from: '2024-05-01T00:00:00.000Z', tz: 'Europe/Madrid', limit: 10 };
    expect(await api.rooms.leaderboard('alice', query)).toEqual(board);
    expect(calls[0]!.url).toBe(
      'http://127.0.0.1:5000/api/v1/rooms/alice/leaderboard?scope=period&from=2024-05-01T00%3A00%3A00.000Z&tz=Europe%2FMadrid&limit=10',
    );
  });

  it('patches an overlay look and lists the viewers with notes', async () => {
    const { api, calls } = client([
      json(200, {}),
      json(200, { broadcaster: 'alice', usernames: ['bob'], truncated: false }),
    ]);
    await api.rooms.updateOverlay('alice', 'o/1', { options: { size: 40 } });
    expect(calls[0]!.url).toBe('http://127.0.0.1:5000/api/v1/rooms/alice/overlays/o%2F1');
    expect(calls[0]!.init.method).toBe('PATCH');
    expect(calls[0]!.init.body).toBe('{"options":{"size":40}}');
    expect((await api.notedViewers('alice')).usernames).toEqual(['bob']);
    expect(calls[1]!.url).toBe('http://127.0.0.1:5000/api/v1/analytics/alice/noted-viewers');
  });

  it('mints a dev token', async () => {
    const fetchFn = vi.fn(async () => json(200, { access_token: 'dev', expires_in: 900 }));
    expect(await mintDevToken('http://h:5000', 'me', fetchFn as unknown as typeof fetch)).toEqual({
      access_token: 'dev',
      expires_in: 900,
    });
  });
});
