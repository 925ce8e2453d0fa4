/** What the connection indicator shows, from the background's hub snapshot. */
import type { HubSnapshot } from '@/utils/hub/types';

export type Indicator = 'live' | 'reconnecting' | 'offline';

export function indicatorOf(snapshot: HubSnapshot): Indicator {
  if (snapshot.phase === 'live') return 'live';
  if (snapshot.offlineAlert || snapshot.phase === 'idle' || snapshot.phase === 'signed_out') return 'offline';
  return 'reconnecting';
}

export function indicatorLabel(snapshot: HubSnapshot): string {
  switch (snapshot.phase) {
    case 'live':
      return 'Live';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      if (snapshot.error?.code === 'too_many_connections') return 'Connection limit reached';
      return snapshot.offlineAlert ? 'Offline — retrying' : 'Reconnecting…';
    case 'signed_out':
      return 'Signed out';
    case 'idle':
      return snapshot.broadcaster ? 'Offline' : 'No room set';
  }
}
