import { beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HubSnapshot } from '@/utils/hub/types';
import {
  broadcast,
  onMessage,
  removeAllListeners,
  sendMessage,
  type MessageData,
  type MessageReturn,
} from '@/utils/shared/messaging';

beforeEach(() => {
  fakeBrowser.reset();
  removeAllListeners(); // the messenger's per-context listeners outlive the fake browser's reset
});

describe('typed message map', () => {
  it('types data and return values per message', () => {
    expectTypeOf<MessageData<'chat:insert'>>().toEqualTypeOf<{ text: string }>();
    expectTypeOf<MessageReturn<'hub:snapshot'>>().toEqualTypeOf<HubSnapshot>();
    expectTypeOf<MessageData<'hub:snapshot'>>().toEqualTypeOf<undefined>();
    // @ts-expect-error: chat:insert needs {text}
    void (() => sendMessage('chat:insert', { message: 'x' }));
  });

  it('dispatches to the handler for its type and returns its answer', async () => {
    onMessage('auth:token', () => ({ token: 'abc' }));
    onMessage('chat:insert', ({ data: { text } }) => ({ ok: false, code: 'echo', message: text }));
    expect(await sendMessage('chat:insert', { text: 'hi' })).toEqual({ ok: false, code: 'echo', message: 'hi' });
    expect(await sendMessage('auth:token')).toEqual({ token: 'abc' });
  });

  it('awaits async handlers', async () => {
    onMessage('auth:token', async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { token: 'later' };
    });
    expect(await sendMessage('auth:token')).toEqual({ token: 'later' });
  });

  it('rejects with the handler error message', async () => {
    onMessage('hub:recent', () => {
      throw new Error('boom');
    });
    await expect(sendMessage('hub:recent')).rejects.toThrow('boom');
  });

  it('stops dispatching after unsubscribe', async () => {
    const received: number[] = [];
    const off = onMessage('hub:event', ({ data: envelopes }) => void received.push(envelopes.length));
    await sendMessage('hub:event', []);
    off();
    broadcast('hub:event', []);
    expect(received).toEqual([0]);
  });

  it('broadcast does not throw when nobody listens', () => {
    const quota = { used: 1, limit: 5 };
    const usage = { translate_chars: quota, reply_suggestions: quota, write_requests: quota };
    expect(() => broadcast('hub:usage', usage)).not.toThrow();
  });
});
