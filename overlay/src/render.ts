/** DOM helpers: one batched write per animation frame, and tiny element builders. */

export type Schedule = (callback: () => void) => void;

const nextFrame: Schedule = (callback) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
};

/** Coalesces any number of `invalidate()` calls into one `render()` on the next frame. */
export class RenderQueue {
  private pending = false;

  constructor(
    private readonly render: () => void,
    private readonly schedule: Schedule = nextFrame,
  ) {}

  invalidate(): void {
    if (this.pending) return;
    this.pending = true;
    this.schedule(() => this.flush());
  }

  /** Render now if something changed (tests and the demo call this directly). */
  flush(): void {
    if (!this.pending) return;
    this.pending = false;
    this.render();
  }
}

/** An element with a class and optional text (text only: names and messages are untrusted). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatTokens(tokens: number): string {
  return `${formatCount(tokens)} tk`;
}

/** Display name of an event's user; anonymous tips and missing names read "Anonymous". */
export function displayName(event: {
  user?: { username?: string } | null;
  tip?: { isAnon?: boolean } | null;
}): string {
  if (event.tip?.isAnon) return 'Anonymous';
  return event.user?.username || 'Anonymous';
}
