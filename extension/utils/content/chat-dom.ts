/** Content-script DOM work: read new chat lines, put a reply into the chat box (never send it). */
import type { ObservedChatLine } from '@/utils/shared/messaging';
import { CHATURBATE, matchesAny, queryFirst } from '@/utils/content/selectors';

const USERNAME = /^[A-Za-z0-9_]{1,64}$/;
const clean = (s: string | null | undefined) =>
  (s ?? '')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** `{username, text}` for a viewer chat line, or null for notices and lines we cannot read. */
export function parseChatLine(line: Element): { username: string; text: string } | null {
  if (matchesAny(line, CHATURBATE.notice)) return null;
  const userEl = queryFirst(line, CHATURBATE.username);
  const username = clean(userEl?.getAttribute('data-nick') ?? userEl?.textContent).replace(/:$/, '');
  if (!USERNAME.test(username)) return null;
  const textEl = queryFirst(line, CHATURBATE.text);
  let text = clean(textEl?.textContent);
  if (!textEl) {
    const whole = clean(line.textContent);
    text = whole.startsWith(username) ? clean(whole.slice(username.length).replace(/^:/, '')) : '';
  }
  return text ? { username, text } : null;
}

/** Put text into the room's chat box and fire `input` so the page's framework sees it. Never submits. */
export function insertChatText(doc: Document, text: string): boolean {
  const input = queryFirst(doc, CHATURBATE.chatInput);
  if (!input) return false;
  const element = input as HTMLElement;
  element.focus();
  if (input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement) {
    // The prototype setter: React-controlled inputs ignore a plain `.value =` assignment.
    const proto = input instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(input, text);
  } else if (element.isContentEditable || element.getAttribute('contenteditable') === 'true') {
    element.textContent = text;
  } else {
    return false;
  }
  element.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  return true;
}

export interface ChatObserverOptions {
  flushMs?: number;
  /** how often to look for the chat list (it appears late and can be re-rendered) */
  findMs?: number;
  now?: () => number;
}

/** Watches the chat list; reports only lines added after it started (history is not re-published). */
export class ChatObserver {
  private list: Element | null = null;
  private observer: MutationObserver | null = null;
  private pending = new Set<Element>();
  private seen = new WeakSet<Element>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private findTimer: ReturnType<typeof setInterval> | null = null;
  private seq = 0;
  private readonly pageId = Math.random().toString(36).slice(2, 10);

  constructor(
    private readonly doc: Document,
    private readonly onLines: (lines: ObservedChatLine[]) => void,
    private readonly options: ChatObserverOptions = {},
  ) {}

  start(): void {
    this.attach();
    this.findTimer = setInterval(() => this.attach(), this.options.findMs ?? 2_000);
  }

  stop(): void {
    this.observer?.disconnect();
    if (this.findTimer) clearInterval(this.findTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.observer = null;
    this.list = null;
  }

  private attach(): void {
    if (this.list?.isConnected) return;
    this.observer?.disconnect();
    this.list = queryFirst(this.doc, CHATURBATE.chatList);
    if (!this.list) return;
    for (const existing of Array.from(this.list.children)) this.seen.add(existing);
    this.observer = new MutationObserver((mutations) => this.onMutations(mutations));
    this.observer.observe(this.list, { childList: true, subtree: true });
  }

  private onMutations(mutations: MutationRecord[]): void {
    for (const mutation of mutations) {
      for (const node of Array.from(mutation.addedNodes)) {
        const line = this.lineOf(node);
        if (line && !this.seen.has(line)) this.pending.add(line);
      }
    }
    if (this.pending.size && !this.flushTimer) {
      // Parse later: the page may fill a line's children after inserting it.
      this.flushTimer = setTimeout(() => this.flush(), this.options.flushMs ?? 400);
    }
  }

  /** The direct child of the list that contains `node`. */
  private lineOf(node: Node): Element | null {
    let current: Node | null = node;
    while (current && current.parentNode !== this.list) current = current.parentNode;
    return current instanceof Element ? current : null;
  }

  private flush(): void {
    this.flushTimer = null;
    const now = (this.options.now ?? Date.now)();
    const lines: ObservedChatLine[] = [];
    for (const line of this.pending) {
      this.seen.add(line);
      const parsed = parseChatLine(line);
      if (parsed) lines.push({ key: `${this.pageId}-${++this.seq}`, at: now, ...parsed });
    }
    this.pending.clear();
    if (lines.length) this.onLines(lines);
  }
}
