import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatObserver, insertChatText, parseChatLine } from '@/utils/content/chat-dom';
import type { ObservedChatLine } from '@/utils/shared/messaging';

/** A reduced copy of the room page's chat markup (see utils/selectors.ts). */
const ROOM = `
  <div id="ChatTabContainer">
    <div id="ChatTabContents">
      <div class="msg-list-wrapper-split">
        <div class="msg-list-fvm message-list">
          <div class="msg-text"><span class="username" data-nick="old_viewer">old_viewer</span><span class="msg-text">history</span></div>
        </div>
      </div>
      <div class="inputDiv"><input type="text" class="chat-input-field" /></div>
    </div>
  </div>`;

function line(html: string): HTMLElement {
  const div = document.createElement('div');
  div.className = 'msg-text';
  div.innerHTML = html;
  return div;
}

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = ROOM;
});
afterEach(() => vi.useRealTimers());

describe('parseChatLine', () => {
  it('reads username and text', () => {
    expect(
      parseChatLine(
        line('<span class="username" data-nick="bob_99">bob_99</span><span class="msg-text">hola guapa</span>'),
      ),
    ).toEqual({
      username: 'bob_99',
      text: 'hola guapa',
    });
  });
  it('skips room notices and tip alerts', () => {
    expect(parseChatLine(line('<div class="roomNotice">Notice: welcome</div>'))).toBeNull();
    expect(
      parseChatLine(line('<div class="isTip"><span class="username">bob</span> tipped 50 tokens</div>')),
    ).toBeNull();
  });
  it('falls back to the line text after the username', () => {
    expect(parseChatLine(line('<span class="username">bob:</span> hi there'))).toEqual({
      username: 'bob',
      text: 'hi there',
    });
  });
});

describe('ChatObserver', () => {
  it('reports new lines only, in one batch', async () => {
    const batches: ObservedChatLine[][] = [];
    const observer = new ChatObserver(document, (lines) => batches.push(lines), { now: () => 5 });
    observer.start();
    const list = document.querySelector('.message-list')!;
    list.append(line('<span class="username">ann</span><span class="msg-text">one</span>'));
    list.append(line('<span class="username">ben</span><span class="msg-text">two</span>'));
    await vi.advanceTimersByTimeAsync(400);
    observer.stop();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((l) => [l.username, l.text, l.at])).toEqual([
      ['ann', 'one', 5],
      ['ben', 'two', 5],
    ]);
    expect(new Set(batches[0]!.map((l) => l.key)).size).toBe(2);
  });

  it('finds a chat list rendered later', async () => {
    document.body.innerHTML = '';
    const batches: ObservedChatLine[][] = [];
    const observer = new ChatObserver(document, (lines) => batches.push(lines), { findMs: 100 });
    observer.start();
    document.body.innerHTML = ROOM;
    await vi.advanceTimersByTimeAsync(100);
    document
      .querySelector('.message-list')!
      .append(line('<span class="username">cy</span><span class="msg-text">late</span>'));
    await vi.advanceTimersByTimeAsync(400);
    observer.stop();
    expect(batches.flat().map((l) => l.text)).toEqual(['late']);
  });
});

describe('insertChatText', () => {
  it('fills the chat input and fires input, without submitting', () => {
    const input = document.querySelector<HTMLInputElement>('.chat-input-field')!;
    const events: string[] = [];
    for (const type of ['input', 'keydown', 'submit', 'click']) input.addEventListener(type, () => events.push(type));
    expect(insertChatText(document, 'thank you!')).toBe(true);
    expect(input.value).toBe('thank you!');
    expect(events).toEqual(['input']);
  });

  it('fills a contenteditable chat box', () => {
    document.body.innerHTML =
      '<div id="ChatTabContainer"><div class="inputDiv"><div contenteditable="true"></div></div></div>';
    expect(insertChatText(document, 'hi')).toBe(true);
    expect(document.querySelector('[contenteditable]')!.textContent).toBe('hi');
  });

  it('reports a missing chat box', () => {
    document.body.innerHTML = '';
    expect(insertChatText(document, 'hi')).toBe(false);
  });
});
