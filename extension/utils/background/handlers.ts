/** What the background answers: panel requests (hub, auth, reply insert) and chat seen by the content script. */
import { onMessage } from '@/utils/shared/messaging';
import { publishBlocker, toChatEvent } from './observed-chat';
import { insertIntoRoom } from './room-insert';
import type { Background } from './service';

export function setupMessageHandlers(bg: Background, ready: Promise<void>): void {
  const after = <T>(fn: () => T | Promise<T>) => ready.then(fn);
  setupHubHandlers(bg, after);
  setupAuthHandlers(bg, after);
  setupChatHandlers(bg, after);
}

type After = <T>(fn: () => T | Promise<T>) => Promise<T>;

function setupHubHandlers({ hub, recent }: Background, after: After): void {
  onMessage('hub:snapshot', () => after(() => hub.snapshot));
  onMessage('hub:recent', () => after(() => recent.toArray()));
  onMessage('hub:reconnect', () => after(() => hub.reconnectNow()));
}

function setupAuthHandlers({ session }: Background, after: After): void {
  onMessage('auth:signIn', ({ data: { mode } }) => after(() => session.signIn(mode)));
  onMessage('auth:signOut', () => after(() => session.signOut()));
  onMessage('auth:token', () => after(async () => ({ token: await session.tokens.getValidToken() })));
  onMessage('auth:refresh', () =>
    after(async () => {
      await session.tokens.refresh();
      return { token: await session.tokens.getValidToken() };
    }),
  );
}

function setupChatHandlers(bg: Background, after: After): void {
  onMessage('chat:insert', ({ data: { text } }) => after(() => insertIntoRoom(text, bg.settings.broadcaster)));
  onMessage('chat:observed', ({ data: { room, lines } }) =>
    after(async () => {
      const blocker = publishBlocker({
        mode: bg.settings.publishObservedChat,
        room,
        broadcaster: bg.settings.broadcaster,
        ingest: bg.ingest,
        live: bg.hub.snapshot.phase === 'live',
      });
      if (blocker) return { published: 0, skipped: blocker };
      const ack = await bg.hub.publish(lines.map((line) => toChatEvent(room, line)));
      return { published: ack.accepted };
    }),
  );
}
