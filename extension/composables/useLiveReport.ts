import { onScopeDispose, ref, shallowRef, watch } from 'vue';
import { useAsync } from '@/composables/useAsync';
import { useFeedStore } from '@/stores/feed';
import { useSettingsStore } from '@/stores/settings';
import type { FeedItem } from '@/utils/panel/feed';
import { scopeQuery, type ReportScope } from '@/utils/panel/report-scope';
import type { ReportQuery } from '@/utils/shared/room-types';

/** After tips arrive, the report is read again this much later: one request per burst of tips. */
export const REPORT_AFTER_TIPS_MS = 3_000;
/** …and at least this often while it is on screen (a period's end moves, a tip may come from elsewhere). */
export const REPORT_POLL_MS = 60_000;

/** What moves a leaderboard or a menu report: a tip, or a new broadcast (the board starts over). */
const movesReports = (item: FeedItem) => item.method === 'tip' || item.method === 'broadcastStart';

/**
 * A room report of the server (leaderboard, menu report) for the chosen scope, read while the
 * component that asked is mounted: again soon after tips show in the feed, and every minute.
 * Unknown (not loaded, or failed) is null: the view shows "—", never a number it does not know.
 */
export function useLiveReport<T>(load: (broadcaster: string, query: ReportQuery) => Promise<T>) {
  const settings = useSettingsStore();
  const scope = ref<ReportScope>('broadcast');
  const data = shallowRef<T | null>(null);
  const { loading, error, run } = useAsync();
  let asked = 0;
  let soon: ReturnType<typeof setTimeout> | null = null;

  async function refresh(): Promise<void> {
    const broadcaster = settings.settings.broadcaster;
    if (!broadcaster) return;
    const ticket = ++asked;
    const answer = await run(() => load(broadcaster, scopeQuery(scope.value)));
    if (ticket === asked) data.value = answer ?? null; // a later request (another scope) wins
  }

  function refreshSoon(): void {
    soon ??= setTimeout(() => {
      soon = null;
      void refresh();
    }, REPORT_AFTER_TIPS_MS);
  }

  const stopListening = useFeedStore().onAdded((items) => {
    if (items.some(movesReports)) refreshSoon();
  });
  const poll = setInterval(() => void refresh(), REPORT_POLL_MS);
  watch([scope, () => settings.settings.broadcaster], () => {
    data.value = null; // another window's (or room's) numbers are not this one's
    void refresh();
  });
  onScopeDispose(() => {
    stopListening();
    clearInterval(poll);
    if (soon) clearTimeout(soon);
  });
  void refresh();

  return { scope, data, loading, error, refresh };
}
