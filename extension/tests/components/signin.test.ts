import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import SignInView from '@/components/SignInView.vue';
import { useServerStore } from '@/stores/server';
import { useSettingsStore } from '@/stores/settings';
import { ApiError, NETWORK_ERROR, toFriendlyError } from '@/utils/shared/errors';
import { onMessage } from '@/utils/shared/messaging';
import { resetPanel } from '@/tests/helpers/panel';

const AUTH0 = {
  mode: 'auth0',
  issuer: 'https://tenant.eu.auth0.com/',
  audience: 'https://api.webcammerplus',
  dev_sign_in: false,
  auth0: { domain: 'tenant.eu.auth0.com', client_id: 'ext-client', audience: 'https://api.webcammerplus' },
};
const DEV = { mode: 'dev', issuer: 'http://127.0.0.1:5000/', audience: '', dev_sign_in: true, auth0: null };

function serve(body: unknown): string[] {
  const asked: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
    asked.push(String(url));
    return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
  });
  return asked;
}

beforeEach(async () => {
  resetPanel();
  vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true as never);
  await useSettingsStore().load();
});
afterEach(() => vi.restoreAllMocks());

describe('server store', () => {
  it("takes the Auth0 settings from the server's /auth/config", async () => {
    const asked = serve(AUTH0);
    expect(await useServerStore().use('https://wcp.example.com/')).toBe(true);
    expect(asked).toEqual(['https://wcp.example.com/api/v1/auth/config']);
    const settings = useSettingsStore().settings;
    expect(settings.serverUrl).toBe('https://wcp.example.com');
    expect(settings.auth0).toEqual({
      domain: 'tenant.eu.auth0.com',
      clientId: 'ext-client',
      audience: 'https://api.webcammerplus',
    });
  });

  it('names the URL it could not reach', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    const server = useServerStore();
    expect(await server.use('http://10.0.0.9:5000')).toBe(false);
    expect(server.error?.message).toBe("Can't reach the server at http://10.0.0.9:5000");
  });

  it('says when the URL answers but is not this server', async () => {
    serve('<html>hello</html>');
    const server = useServerStore();
    expect(await server.use('https://example.com')).toBe(false);
    expect(server.error?.message).toContain('https://example.com answered, but not as a WebCammerPlus server');
  });
});

describe('network errors', () => {
  it('name the server URL when known', () => {
    const error = new ApiError(0, NETWORK_ERROR, 'Failed to fetch', { url: 'http://wrong:1' });
    expect(toFriendlyError(error).message).toBe("Can't reach the server at http://wrong:1");
  });
});

describe('SignInView', () => {
  it('offers only Auth0 when the server signs in with Auth0, and signs in with no settings typed', async () => {
    serve(AUTH0);
    const modes: string[] = [];
    onMessage('auth:signIn', ({ data: { mode } }) => (modes.push(mode), { ok: true }));
    const wrapper = mount(SignInView);
    await flushPromises();
    expect(wrapper.get('[data-testid="server-mode"]').text()).toContain('Auth0 (tenant.eu.auth0.com)');
    expect(wrapper.find('[data-testid="signin-dev"]').exists()).toBe(false);
    expect(wrapper.find('#auth0-domain').exists()).toBe(false);
    await wrapper.get('[data-testid="signin-auth0"]').trigger('click');
    await vi.waitFor(() => expect(modes).toEqual(['auth0']));
  });

  it('offers only dev sign-in on a dev server', async () => {
    serve(DEV);
    const wrapper = mount(SignInView);
    await flushPromises();
    expect(wrapper.get('[data-testid="server-mode"]').attributes('data-mode')).toBe('dev');
    expect(wrapper.find('[data-testid="signin-auth0"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="signin-dev"]').exists()).toBe(true);
  });

  it('lets Auth0 settings be typed before sign-in when the server has no client id', async () => {
    serve({ ...AUTH0, auth0: { ...AUTH0.auth0, client_id: null } });
    const wrapper = mount(SignInView);
    await flushPromises();
    expect(wrapper.find('#auth0-domain').exists()).toBe(true);
  });
});
