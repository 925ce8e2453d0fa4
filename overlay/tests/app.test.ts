import { describe, expect, it } from 'vitest';
import { mount, NOTICES } from '../src/app';
import { asSocket, FakeSocket, fakeFetch, settle, state, tipItem, type FakeResponse } from './fakes';

const ORIGIN = 'https://wcp.test';

async function mounted(search: string, responses: FakeResponse[]) {
  const root = document.createElement('div');
  const socket = new FakeSocket();
  const fetch = fakeFetch(responses);
  const page = mount(root, search, ORIGIN, { fetch, socket: () => asSocket(socket), schedule: () => {} });
  await settle();
  return { root, socket, fetch, page };
}

const TOP = state('top', { leaders: [{ username: 'ann', tokens: 10 }], king: 'ann' }, undefined, {
  watermark: true,
  options: { color: '00ff00', size: 40 },
});

describe('mount', () => {
  it('shows the revoked notice and drops the view when the key is revoked mid-stream', async () => {
    const { root, socket, page } = await mounted('?kind=top&key=ovk_live_key', [{ status: 200, body: TOP }]);
    socket.send('connect');
    socket.lastSubscribe.ack({ ok: true, position: TOP.position, recovered: true, replayed: 0 });
    socket.send('overlay_revoked', { code: 'overlay_key_revoked', message: 'revoked by owner' });
    socket.send('event', tipItem(11, 'late', 5));
    expect(root.querySelector('.notice')?.textContent).toBe(
      'This overlay link was revoked — make a new one in the WebCammerPlus panel',
    );
    expect(root.querySelector('.top')).toBeNull();
    expect(root.dataset.status).toBe('stopped');
    expect(socket.disconnected).toBe(true);
    expect(page.view).toBeNull();
  });

  it('shows the revoked notice when the state is refused, without opening a socket', async () => {
    const refused = { status: 403, body: { code: 'overlay_key_revoked', message: 'revoked' } };
    const { root, socket } = await mounted('?kind=goal&key=ovk_old_key', [refused]);
    expect(root.querySelector('.notice')?.textContent).toBe(NOTICES.overlay_key_revoked);
    expect(socket.listeners.size).toBe(0);
  });

  it('says so when the link has no key', async () => {
    const { root, fetch } = await mounted('?kind=goal', []);
    expect(root.querySelector('.notice')?.textContent).toBe(NOTICES.missing_key);
    expect(fetch.calls).toEqual([]);
  });

  it('renders the kind the key names, with the watermark and saved options under the URL ones', async () => {
    const { root } = await mounted('?kind=goal&key=ovk_live_key&size=20', [{ status: 200, body: TOP }]);
    expect(root.dataset.kind).toBe('top');
    expect(root.querySelector('.top')).not.toBeNull();
    expect((root.querySelector('.watermark') as HTMLElement).hidden).toBe(false);
    expect(root.style.getPropertyValue('--accent')).toBe('#00ff00');
    expect(root.style.getPropertyValue('--size')).toBe('20px');
  });

  it('hides the watermark on a paid tier', async () => {
    const paid = { ...TOP, watermark: false };
    const { root } = await mounted('?kind=top&key=ovk_live_key', [{ status: 200, body: paid }]);
    expect((root.querySelector('.watermark') as HTMLElement).hidden).toBe(true);
  });

  it.each(['goal', 'alerts', 'top', 'menu', 'ticker'])('renders the %s demo without a server', (kind) => {
    const root = document.createElement('div');
    mount(root, `?kind=${kind}&demo=1`, ORIGIN, { schedule: () => {} });
    expect(root.querySelector('.stage')?.children.length).toBe(1);
    expect(root.querySelector('.stage')?.textContent).not.toBe('');
  });
});
