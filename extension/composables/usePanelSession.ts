import { watch } from 'vue';
import { useAccountStore } from '@/stores/account';
import { useAuthStore } from '@/stores/auth';
import { useConnectionStore } from '@/stores/connection';
import { useFeedStore } from '@/stores/feed';
import { useOnDeviceStore } from '@/stores/ondevice';
import { useRoomStore } from '@/stores/room';
import { useSettingsStore } from '@/stores/settings';
import { useTippersStore } from '@/stores/tippers';
import { useTipNotesStore } from '@/stores/tipNotes';
import { useTranslationsStore } from '@/stores/translations';

const AUTO_TRANSLATE_BACKLOG = 40;

/** Loads stored state, then connects the panel's stores to the background while signed in. */
export async function usePanelSession(): Promise<void> {
  const settings = useSettingsStore();
  const auth = useAuthStore();
  const connection = useConnectionStore();
  const feed = useFeedStore();
  const account = useAccountStore();
  const translations = useTranslationsStore();
  const room = useRoomStore();
  const tippers = useTippersStore();
  const tipNotes = useTipNotesStore();

  // Only the newest lines of a big batch (the replay when the panel opens): quota is per character.
  feed.onAdded((items) => translations.enqueue(items.slice(-AUTO_TRANSLATE_BACKLOG)));
  await Promise.all([settings.load(), auth.load()]);

  async function connect(): Promise<void> {
    tipNotes.init();
    await useOnDeviceStore().start(); // before the feed: its first lines must already know their engine
    await Promise.all([connection.init(), feed.init(), account.refresh(), room.init(), tippers.init()]);
  }

  watch(
    () => auth.summary.signedIn,
    (signedIn) => {
      if (signedIn) void connect();
      else feed.clear();
    },
    { immediate: true },
  );
  // A different room (or server) is a different stream: start the feed over.
  watch(
    () => [settings.settings.broadcaster, settings.settings.serverUrl],
    () => {
      feed.clear();
      room.clear();
      tippers.clear();
      tipNotes.clear();
      if (auth.summary.signedIn) void Promise.all([feed.init(), room.init(), tippers.init()]);
    },
  );
  watch(
    () => settings.settings.language,
    () => translations.resume(),
  );
}
