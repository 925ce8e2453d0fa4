/**
 * While the hub is reconnecting, ask the server's health endpoint every second: a plain GET is
 * cheaper than a socket handshake, and the moment it answers again the hub retries at once instead
 * of waiting out its backoff. Only the change from down to up triggers a retry: a server that was
 * up all along (a refused subscription, a full plan) is left to the hub's own backoff.
 */
import { apiUrl } from '@/utils/api/client';
import type { HubPhase } from '@/utils/hub/types';
import { realTimers, type Timers } from '@/utils/shared/timers';

export const PROBE_INTERVAL_MS = 1_000;

export interface HealthProbeOptions {
  serverUrl: () => string;
  onHealthy: () => void;
  fetch?: typeof fetch;
  timers?: Timers;
}

export function createHealthProbe(options: HealthProbeOptions) {
  const timers = options.timers ?? realTimers;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let timer: ReturnType<Timers['setTimeout']> | null = null;
  let active = false;
  let wasDown = false;

  async function probe(): Promise<void> {
    timer = null;
    if (!active) return;
    const healthy = await doFetch(apiUrl(options.serverUrl(), '/health'), {
      signal: AbortSignal.timeout(PROBE_INTERVAL_MS),
    }).then(
      (response) => response.status < 500,
      () => false,
    );
    if (!active) return;
    if (healthy && wasDown) options.onHealthy();
    wasDown = !healthy;
    timer = timers.setTimeout(() => void probe(), PROBE_INTERVAL_MS);
  }

  /** Follow the hub's phase: probe while reconnecting, stop otherwise. */
  function follow(phase: HubPhase): void {
    const wanted = phase === 'reconnecting';
    if (wanted === active) return;
    active = wanted;
    wasDown = false;
    if (active) timer = timers.setTimeout(() => void probe(), PROBE_INTERVAL_MS);
    else if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
    }
  }

  return { follow };
}
