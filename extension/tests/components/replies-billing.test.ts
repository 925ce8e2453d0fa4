import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import AccountView from '@/components/account/AccountView.vue';
import ReplyView from '@/components/reply/ReplyView.vue';
import { useAccountStore } from '@/stores/account';
import { useSettingsStore } from '@/stores/settings';
import { ApiError } from '@/utils/shared/errors';
import type { MeResponse, ReplyRequest } from '@/utils/shared/types';
import { fakeApi, resetPanel } from '@/tests/helpers/panel';

const ME = { account: { tier: 'free', broadcasters: [] }, usage: {}, limits: {} } as unknown as MeResponse;

beforeEach(resetPanel);

describe('ReplyView', () => {
  it("asks for replies in the viewer's language by default, and in mine on request", async () => {
    const sent: ReplyRequest[] = [];
    fakeApi({ reply: async (body) => (sent.push(body), { suggestions: ['hola!'], language: 'es' }) });
    useSettingsStore().settings.broadcaster = 'alice';
    const wrapper = mount(ReplyView, { global: { stubs: { MessagePicker: true } } });
    await wrapper.get('#reply-message').setValue('hola guapa');
    await wrapper.get('button.btn-primary').trigger('click');
    await flushPromises();
    expect(sent[0]).toMatchObject({ message: 'hola guapa', language: 'viewer' });
    await wrapper.get('#reply-language').setValue('');
    await wrapper.get('button.btn-primary').trigger('click');
    await flushPromises();
    expect(sent[1]).not.toHaveProperty('language');
  });
});

describe('AccountView upgrade with billing off', () => {
  it('answers under the upgrade button', async () => {
    fakeApi({
      me: async () => ME,
      subscription: async () => {
        throw new ApiError(503, 'billing_not_configured', 'Billing is not configured: set STRIPE_SECRET_KEY');
      },
      checkout: async () => {
        throw new ApiError(503, 'billing_not_configured', 'Billing is not configured: set STRIPE_SECRET_KEY');
      },
    });
    const wrapper = mount(AccountView);
    await flushPromises();
    await wrapper.get('[data-plan="pro"]').trigger('click');
    await flushPromises();
    const answer = wrapper.get('[data-testid="upgrade-error"]');
    expect(answer.text()).toContain("Billing isn't set up on this server yet");
  });
});

describe('linking a simulated room', () => {
  it('watches an open room without linking it', async () => {
    fakeApi({
      linkBroadcaster: async () => {
        throw new ApiError(409, 'taken', 'demo_room is a simulated room', { open_to_all: true });
      },
    });
    const account = useAccountStore();
    expect(await account.linkRoom('demo_room')).toBe(true);
    expect(account.error).toBeNull();
  });

  it("still refuses another account's real room", async () => {
    fakeApi({
      linkBroadcaster: async () => {
        throw new ApiError(409, 'taken', 'linked elsewhere');
      },
    });
    const account = useAccountStore();
    expect(await account.linkRoom('alice_room')).toBe(false);
    expect(account.error?.message).toBe('This room is linked to another account');
  });
});
