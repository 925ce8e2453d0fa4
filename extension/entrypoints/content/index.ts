import { defineContentScript } from 'wxt/utils/define-content-script';
import { ChatObserver, insertChatText } from '@/utils/content/chat-dom';
import { onMessage, sendMessage } from '@/utils/shared/messaging';
import { roomFromUrl } from '@/utils/shared/room-tabs';

export default defineContentScript({
  matches: ['https://chaturbate.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const observer = new ChatObserver(document, (lines) => {
      const room = roomFromUrl(location.href); // the site navigates without reloading
      if (room) sendMessage('chat:observed', { room, lines }).catch(() => undefined);
    });
    if (roomFromUrl(location.href)) observer.start();
    ctx.onInvalidated(() => observer.stop());

    onMessage('chat:insert', ({ data: { text } }) =>
      insertChatText(document, text)
        ? { ok: true }
        : { ok: false, code: 'no_chat_box', message: "Couldn't find the chat box on this page" },
    );
  },
});
