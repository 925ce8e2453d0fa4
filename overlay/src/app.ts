/** Wires URL options, the connection and one kind's view into a root element. */
import { OverlayConnection } from './connection';
import type { SocketFactory } from './socket';
import { startDemo } from './demo';
import { createView } from './kinds';
import { applyLook, parseLook, parseParams, resolveLook, type OverlayParams } from './options';
import { el, type Schedule } from './render';
import type { Kind, KindView, OverlayState } from './types';

export const NOTICES: Record<string, string> = {
  overlay_key_revoked: 'This overlay link was revoked — make a new one in the WebCammerPlus panel',
  overlay_key_invalid: 'This overlay link is not valid — copy it again from the WebCammerPlus panel',
  overlay_not_found: 'This overlay no longer exists — make a new one in the WebCammerPlus panel',
  missing_key: 'This overlay link has no key — copy it again from the WebCammerPlus panel',
};

export interface MountDeps {
  fetch?: typeof fetch;
  socket?: SocketFactory;
  schedule?: Schedule;
}

/** The page's parts: the kind's stage, a notice line, the free-tier watermark. */
export class OverlayPage {
  readonly stage = el('div', 'stage');
  readonly notice = el('div', 'notice');
  readonly watermark = el('div', 'watermark', 'WebCammerPlus');
  view: KindView | null = null;
  private kind: Kind | null = null;

  constructor(
    readonly root: HTMLElement,
    private readonly params: OverlayParams,
    private readonly schedule?: Schedule,
  ) {
    this.notice.hidden = this.watermark.hidden = true;
    this.notice.setAttribute('role', 'status');
    root.classList.add('overlay');
    root.replaceChildren(this.stage, this.notice, this.watermark);
    applyLook(root, resolveLook(params.look));
  }

  /** Apply a state; saved options sit under the URL's, and the state's kind picks the view. */
  show(state: OverlayState): void {
    const look = resolveLook(parseLook(state.options ?? {}), this.params.look);
    applyLook(this.root, look);
    if (this.kind !== state.kind || !this.view) {
      this.stage.replaceChildren();
      this.kind = state.kind;
      this.root.dataset.kind = state.kind;
      this.view = createView(state.kind, this.stage, look, this.schedule);
    }
    this.watermark.hidden = state.watermark !== true;
    this.view.setState(state);
  }

  /** Terminal: the view goes, the reason stays on screen. */
  stop(code: string, message: string): void {
    this.view = null;
    this.stage.replaceChildren();
    this.notice.textContent = NOTICES[code] ?? message;
    this.notice.hidden = false;
    this.root.dataset.status = 'stopped';
  }
}

export function mount(root: HTMLElement, search: string, origin: string, deps: MountDeps = {}): OverlayPage {
  const params = parseParams(search, origin);
  const page = new OverlayPage(root, params, deps.schedule);
  if (params.demo) {
    startDemo(page, params.kind ?? 'goal', params.demo === 'live');
    return page;
  }
  if (!params.key) {
    page.stop('missing_key', NOTICES.missing_key ?? '');
    return page;
  }
  const connection = new OverlayConnection(
    { server: params.server, key: params.key, fetch: deps.fetch, socket: deps.socket },
    {
      state: (state) => page.show(state),
      event: (item) => page.view?.onEvent(item),
      goal: (frame) => page.view?.onGoal(frame),
      terminal: (code, message) => page.stop(code, message),
      status: (status) => {
        if (page.root.dataset.status !== 'stopped') page.root.dataset.status = status;
      },
    },
  );
  void connection.start();
  return page;
}
