import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import DashboardLinks from '@/components/account/DashboardLinks.vue';
import MembersCard from '@/components/account/MembersCard.vue';
import ReplyPersona from '@/components/reply/ReplyPersona.vue';
import { useAccountStore } from '@/stores/account';
import { useSettingsStore } from '@/stores/settings';
import { dashboardUrl } from '@/utils/panel/dashboard';
import { onMessage } from '@/utils/shared/messaging';
import type { MeResponse, ReplyPersona as Persona } from '@/utils/shared/types';
import { fakeApi, resetPanel } from '@/tests/helpers/panel';

const me = (tier: string, limits: Record<string, unknown>, members: { sub: string; permissions: string[] }[] = []) =>
  ({ account: { tier, broadcasters: ['alice'], members }, usage: {}, limits }) as unknown as MeResponse;

beforeEach(resetPanel);

describe('ReplyPersona', () => {
  it('loads the persona and saves voice, boundaries (one a line) and banned words', async () => {
    const saved: Persona[] = [];
    fakeApi({
      persona: async () => ({ voice: 'warm', boundaries: ['no meetups'], banned_words: ['cheap'] }),
      savePersona: async (p) => (saved.push(p), p),
    });
    const wrapper = mount(ReplyPersona);
    await flushPromises();
    expect((wrapper.get('#persona-voice').element as HTMLInputElement).value).toBe('warm');
    await wrapper.get('#persona-boundaries').setValue('no meetups\n\n no real name ');
    await wrapper.get('#persona-banned').setValue('cheap, free ,');
    await wrapper.get('button').trigger('click');
    await flushPromises();
    expect(saved).toEqual([
      { voice: 'warm', boundaries: ['no meetups', 'no real name'], banned_words: ['cheap', 'free'] },
    ]);
    expect(wrapper.text()).toContain('Saved');
  });
});

describe('MembersCard', () => {
  it('adds and removes studio members with their permissions', async () => {
    const calls: string[] = [];
    fakeApi({
      addMember: async (sub, permissions) => (
        calls.push(`add ${sub} ${permissions.join()}`),
        me('studio', { max_members: 10 }, [{ sub, permissions }])
      ),
      removeMember: async (sub) => (calls.push(`remove ${sub}`), me('studio', { max_members: 10 })),
    });
    useAccountStore().me = me('studio', { max_members: 10 });
    const wrapper = mount(MembersCard);
    await wrapper.get('#member-sub').setValue('auth0|analyst');
    await wrapper.findAll('button').at(-1)!.trigger('click');
    await flushPromises();
    expect(wrapper.text()).toContain('auth0|analyst');
    expect(wrapper.text()).toContain('read:analytics');
    await wrapper.get('li button').trigger('click');
    await flushPromises();
    expect(calls).toEqual(['add auth0|analyst read:analytics', 'remove auth0|analyst']);
    expect(wrapper.findAll('li')).toHaveLength(0);
  });

  it('says members come with Studio on other plans', () => {
    useAccountStore().me = me('pro', { max_members: 0 });
    const wrapper = mount(MembersCard);
    expect(wrapper.text()).toContain('Studio plan adds up to 10 members');
    expect(wrapper.find('#member-sub').exists()).toBe(false);
  });
});

describe('DashboardLinks', () => {
  it('builds the dashboard link with the token in the fragment', () => {
    expect(dashboardUrl('http://127.0.0.1:5000/', 'a.b.c', 'alice')).toBe(
      'http://127.0.0.1:5000/dashboard#token=a.b.c&broadcaster=alice',
    );
  });

  it('opens the dashboard signed in, in a new tab', async () => {
    onMessage('auth:token', () => ({ token: 'tok123' }));
    const opened: string[] = [];
    vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(({ url }) => {
      opened.push(url!);
      return Promise.resolve({}) as never;
    });
    fakeApi({});
    await useSettingsStore().save({ serverUrl: 'http://127.0.0.1:5109', broadcaster: 'alice' });
    useAccountStore().me = me('free', { csv_export: false });
    const wrapper = mount(DashboardLinks);
    await wrapper.get('[data-testid="open-dashboard"]').trigger('click');
    await vi.waitFor(() => expect(opened).toEqual(['http://127.0.0.1:5109/dashboard#token=tok123&broadcaster=alice']));
    expect(wrapper.get('[data-testid="export-csv"]').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('CSV export comes with Pro and Studio');
  });

  it('downloads the CSV on pro', async () => {
    const asked: string[] = [];
    fakeApi({ exportCsv: async (b) => (asked.push(b), new Blob(['ts,method\n'], { type: 'text/csv' })) });
    URL.createObjectURL = () => 'blob:csv';
    URL.revokeObjectURL = () => undefined;
    await useSettingsStore().save({ broadcaster: 'alice' });
    useAccountStore().me = me('pro', { csv_export: true });
    const wrapper = mount(DashboardLinks);
    await wrapper.get('[data-testid="export-csv"]').trigger('click');
    await flushPromises();
    expect(asked).toEqual(['alice']);
  });
});
