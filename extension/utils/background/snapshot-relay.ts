/** Hub status for the panels: phase/alert changes go out at once, event-driven updates (lastEventAt) at most once a second. */
import type { HubSnapshot } from '@/utils/hub/types';

const SNAPSHOT_THROTTLE_MS = 1_000;

export function snapshotRelay(send: (s: HubSnapshot) => void, intervalMs = SNAPSHOT_THROTTLE_MS) {
  let last: HubSnapshot | null = null;
  let pending: HubSnapshot | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  return (snapshot: HubSnapshot) => {
    const urgent = !last || last.phase !== snapshot.phase || last.offlineAlert !== snapshot.offlineAlert;
    if (urgent) {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
      last = snapshot;
      send(snapshot);
      return;
    }
    pending = snapshot;
    timer ??= setTimeout(() => {
      timer = null;
      if (pending) send((last = pending));
      pending = null;
    }, intervalMs);
  };
}
