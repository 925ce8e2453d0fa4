/** The Account tab's linked rooms (unlink to make room) and audit trail. */
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import AuditCard from '@/components/account/AuditCard.vue';
import LinkedRooms from '@/components/account/LinkedRooms.vue';
import { useAccountStore } from '@/stores/account';
import { useSettingsStore } from '@/stores/settings';
import { ApiError } from '@/utils/shared/errors';
import type { MeResponse } from '@/utils/shared/types';
import type { AuditEntryView } from '@/utils/shared/wire';
import { fakeApi, resetPanel } from '@/tests/helpers/panel';

const me = (broadcasters: string[], cap = 1) =>
  ({
    account: { sub: 'me', tier: 'free', broadcasters, members: [] },
    usage: {},
    limits: { broadcasters_linked: cap },
  }) as unknown as MeResponse;
const entry = (
  id: number,
  action: string,
  actor: AuditEntryView['actor'],
  target: string | null = null,
): AuditEntryView => ({
  id,
  at: '2026-12-01T20:00:00Z',
  actor,
  action,
  target,
  before: null,
  after: null,
  request_id: null,
});

beforeEach(resetPanel);

describe('LinkedRooms', () => {
  it('unlinks a room after a second click, and leaves it in the panel no more', async () => {
    await useSettingsStore().save({ broadcaster: 'alice' });
    const unlinkBroadcaster = vi.fn(async () => me([]));
    fakeApi({ unlinkBroadcaster });
    useAccountStore().me = me(['alice']);
    const wrapper = mount(LinkedRooms);
    expect(wrapper.text()).toContain('(1 of 1)');
    expect(wrapper.text()).toContain('unlink one to link another');
    await wrapper.get('[data-testid="unlink"]').trigger('click');
    expect(unlinkBroadcaster).not.toHaveBeenCalled();
    await wrapper.get('[data-testid="unlink-yes"]').trigger('click');
    await flushPromises();
    expect(unlinkBroadcaster).toHaveBeenCalledWith('alice');
    expect(wrapper.findAll('[data-room]')).toHaveLength(0);
    expect(wrapper.text()).toContain('No room linked yet');
    expect(useSettingsStore().settings.broadcaster).toBe('');
  });

  it("shows the server's refusal in the card", async () => {
    fakeApi({
      unlinkBroadcaster: async () => {
        throw new ApiError(404, 'not_found', 'No such broadcaster on this account.');
      },
    });
    useAccountStore().me = me(['alice', 'bob'], 10);
    const wrapper = mount(LinkedRooms);
    await wrapper.get('[data-room="bob"] [data-testid="unlink"]').trigger('click');
    await wrapper.get('[data-testid="unlink-yes"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toContain('No such broadcaster');
    expect(wrapper.findAll('[data-room]')).toHaveLength(2);
  });
});

describe('AuditCard', () => {
  it('lists changes newest first, says who made them, and pages back', async () => {
    useAccountStore().me = me(['alice']);
    const audit = vi.fn(async ({ before }: { before?: number } = {}) =>
      before
        ? { items: [entry(1, 'room.linked', { type: 'user', id: 'me' }, 'alice')], next: null }
        : {
            items: [
              entry(4, 'overlay_key.rotated', { type: 'user', id: 'me' }, 'alice'),
              entry(3, 'tier.changed', { type: 'stripe', id: 'evt_1' }),
              entry(2, 'dev_token.minted', { type: 'system', id: 'dev sign-in' }),
            ],
            next: 2,
          },
    );
    fakeApi({ audit });
    const wrapper = mount(AuditCard);
    await flushPromises();
    const rows = () => wrapper.findAll('[data-testid="audit-entry"]');
    expect(rows().map((r) => r.attributes('data-action'))).toEqual([
      'overlay_key.rotated',
      'tier.changed',
      'dev_token.minted',
    ]);
    expect(rows()[0]!.text()).toContain('Overlay key rotated: alice · by you');
    expect(rows()[1]!.text()).toContain('Tier changed · by Stripe');
    expect(rows()[2]!.text()).toContain('Dev token minted · by the server (dev sign-in)');
    await wrapper.get('[data-testid="audit-older"]').trigger('click');
    await flushPromises();
    expect(audit).toHaveBeenLastCalledWith({ limit: 10, before: 2 });
    expect(rows()).toHaveLength(4);
    expect(wrapper.find('[data-testid="audit-older"]').exists()).toBe(false);
  });

  it('says when nothing was recorded', async () => {
    fakeApi({ audit: async () => ({ items: [], next: null }) });
    const wrapper = mount(AuditCard);
    await flushPromises();
    expect(wrapper.text()).toContain('No changes recorded yet.');
  });
});
