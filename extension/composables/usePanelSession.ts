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
import { useViewersStore } from '@/stores/viewers';
import { isBigTip } from '@/utils/panel/highlights';
import { playChime } from '@/utils/panel/chime';

const AUTO_TRANSLATE_BACKLOG = 40;
/** a big tip older than this (the replay when the panel opens) gets no chime */
const CHIME_MAX_AGE_MS = 15_000;

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
  const viewers = useViewersStore();
  feed.onAdded((items) => viewers.observe(items));
  feed.onAdded((items) => {
    const { bigTipSound, bigTipThreshold } = settings.settings;
    const now = Date.now();
    if (bigTipSound && items.some((i) => isBigTip(i, bigTipThreshold) && now - i.at < CHIME_MAX_AGE_MS)) playChime();
  });
  await Promise.all([settings.load(), auth.load()]);

  async function connect(): Promise<void> {
    tipNotes.init();
    await useOnDeviceStore().start(); // before the feed: its first lines must already know their engine
    await Promise.all([connection.init(), feed.init(), account.refresh(), room.init(), tippers.init(), viewers.init()]);
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
      viewers.clear();
      if (auth.summary.signedIn) void Promise.all([feed.init(), room.init(), tippers.init(), viewers.init()]);
    },
  );
  watch(
    () => settings.settings.language,
    () => translations.resume(),
  );
}
