import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { browser } from 'wxt/browser';
import { useApi } from '@/composables/useApi';
import { ApiError, toFriendlyError, type FriendlyError } from '@/utils/shared/errors';
import { onMessage } from '@/utils/shared/messaging';
import type { Settings } from '@/utils/shared/storage';
import type { MeResponse, Subscription } from '@/utils/shared/types';
import { useSettingsStore } from './settings';

/** `details` of the 409 the server answers when linking a simulated room. */
interface OpenRoom {
  open_to_all?: boolean;
}

export const useAccountStore = defineStore('account', () => {
  const me = ref<MeResponse | null>(null);
  const subscription = ref<Subscription | null>(null);
  const error = shallowRef<FriendlyError | null>(null);
  const loading = ref(false);
  let listening = false;

  function listen(): void {
    if (listening) return;
    listening = true;
    onMessage('hub:usage', ({ data: usage }) => {
      if (me.value) me.value = { ...me.value, usage: { ...me.value.usage, ...usage } };
    });
    onMessage('hub:tier', ({ data: notice }) => {
      if (me.value) {
        me.value = {
          ...me.value,
          account: { ...me.value.account, tier: notice.tier },
          limits: notice.limits ?? me.value.limits,
        };
      }
      void refresh(); // usage entries carry the old tier's limits
      void loadSubscription();
    });
  }

  async function refresh(): Promise<void> {
    listen();
    loading.value = true;
    error.value = null;
    try {
      me.value = await useApi().me();
      await syncSettings(me.value);
    } catch (err) {
      error.value = toFriendlyError(err);
    } finally {
      loading.value = false;
    }
  }

  /** The account is the source of truth for language and privacy: mirror them into local settings. */
  async function syncSettings({ account }: MeResponse): Promise<void> {
    const settings = useSettingsStore();
    const patch: Partial<Settings> = {};
    const linked = account.broadcasters ?? [];
    if (!settings.settings.broadcaster && linked.length === 1) patch.broadcaster = linked[0]!;
    if (account.language && account.language !== settings.settings.language) patch.language = account.language;
    if (account.privacy) {
      if (account.privacy.store_chat_text !== settings.settings.storeChatText)
        patch.storeChatText = account.privacy.store_chat_text;
      if (account.privacy.send_private_to_ai !== settings.settings.sendPrivateToAi)
        patch.sendPrivateToAi = account.privacy.send_private_to_ai;
    }
    if (Object.keys(patch).length) await settings.save(patch);
  }

  async function loadSubscription(): Promise<void> {
    try {
      subscription.value = await useApi().subscription();
    } catch {
      subscription.value = null; // billing may not be configured; the Account view still shows usage
    }
  }

  /**
   * Open Stripe Checkout / the billing portal in a new tab. Resolves the reason it could not (e.g.
   * billing not configured), for the caller to show next to the button that was clicked.
   */
  async function openBilling(target: { plan: 'pro' | 'studio' } | 'portal'): Promise<FriendlyError | null> {
    try {
      const api = useApi();
      const { url } = target === 'portal' ? await api.portal() : await api.checkout(target.plan);
      await browser.tabs.create({ url });
      return null;
    } catch (err) {
      return toFriendlyError(err);
    }
  }

  /** Make sure the room is linked to the account (needed before the hub serves it). */
  async function linkRoom(room: string): Promise<boolean> {
    if (!room || me.value?.account.broadcasters?.includes(room)) return true;
    error.value = null;
    try {
      me.value = await useApi().linkBroadcaster(room);
      return true;
    } catch (err) {
      // A simulated room is open to everyone: watch it without linking it to this account.
      if (err instanceof ApiError && err.status === 409 && (err.details as OpenRoom | null)?.open_to_all) return true;
      error.value = toFriendlyError(err);
      return false;
    }
  }

  async function updateAccount(patch: Parameters<ReturnType<typeof useApi>['updateMe']>[0]): Promise<void> {
    try {
      const updated = await useApi().updateMe(patch);
      // The server may answer with the whole /me or with the account alone.
      if (me.value)
        me.value = { ...me.value, ...updated, account: { ...me.value.account, ...(updated.account ?? {}) } };
    } catch (err) {
      error.value = toFriendlyError(err);
    }
  }

  return { me, subscription, error, loading, refresh, loadSubscription, openBilling, updateAccount, linkRoom };
});
