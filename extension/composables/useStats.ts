import { computed, shallowRef } from 'vue';
import { useApi } from '@/composables/useApi';
import { useAsync } from '@/composables/useAsync';
import { useSettingsStore } from '@/stores/settings';
import type { AnalyticsSummary, BroadcastSession } from '@/utils/shared/types';
import type { LanguageMix } from '@/utils/shared/wire';

/** The broadcast to show: the live one, else the latest of the window. */
export function currentBroadcast(sessions: readonly BroadcastSession[]): BroadcastSession | null {
  const live = sessions.find((s) => s.live);
  if (live) return live;
  return [...sessions].sort((a, b) => Date.parse(b.start) - Date.parse(a.start))[0] ?? null;
}

/**
 * Today's numbers as the server defines them (analytics summary, sessions, chat languages). Until they
 * load, or when loading failed, they are null: the view shows "—", never a 0 it does not know.
 */
export function useStats() {
  const api = useApi();
  const store = useSettingsStore();
  const today = shallowRef<AnalyticsSummary | null>(null);
  const sessions = shallowRef<BroadcastSession[] | null>(null);
  const languages = shallowRef<LanguageMix | null>(null);
  const { loading, error, run } = useAsync();
  const broadcast = computed(() => (sessions.value ? currentBroadcast(sessions.value) : null));

  async function load(): Promise<void> {
    const broadcaster = store.settings.broadcaster;
    if (!broadcaster) return;
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const window = { from: midnight.toISOString(), to: new Date().toISOString(), tz };
    const loaded = await run(() =>
      Promise.all([
        api.summary(broadcaster, window),
        api.sessions(broadcaster, { ...window, limit: 50 }),
        api.languageMix(broadcaster, window),
      ]),
    );
    [today.value, sessions.value, languages.value] = loaded ?? [null, null, null];
  }

  return { today, sessions, languages, broadcast, loading, error, load };
}
