/**
 * Chaturbate room-page selectors: the ONLY module that knows the site's DOM.
 * Each list is tried in order; the first match wins. When the site changes, update this file
 * (and tests/fixtures in tests/utils/content/chat-dom.test.ts) — nothing else should need to.
 */
export const CHATURBATE = {
  /** the public chat message list */
  chatList: [
    '#ChatTabContents .msg-list-fvm.message-list',
    '.TheatermodeChatDivChat .msg-list-fvm.message-list',
    'div.msg-list-fvm.message-list',
    '#ChatTabContainer .message-list',
    '[data-testid="chat-list"]',
  ],
  /** lines that are not viewer chat: notices, tip alerts, app messages */
  notice: ['.roomNotice', '.isTip', '[data-testid="room-notice"]', '[data-testid="tip-notification"]'],
  username: [
    '[data-testid="chat-message-username"]',
    '[data-testid="username"]',
    '.username',
    '[data-nick]',
    '.purecolor',
  ],
  text: ['[data-testid="chat-message-text"]', 'span.msg-text', '.msg-text .text', '.message-text'],
  /** the chat box (an <input>, <textarea> or contenteditable) */
  chatInput: [
    '#ChatTabContents [data-testid="chat-input"]',
    '#ChatTabContainer .inputDiv [contenteditable="true"]',
    '#ChatTabContainer .inputDiv .customInput',
    '.chat-input-field',
    '.inputDiv textarea',
    '.inputDiv input[type="text"]',
  ],
} as const;

export function queryFirst(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

export function matchesAny(element: Element, selectors: readonly string[]): boolean {
  return selectors.some((s) => element.matches(s) || element.querySelector(s) !== null);
}
