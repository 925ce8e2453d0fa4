import type { OverlayKind } from '@/utils/shared/room-types';

export const OVERLAY_KIND_LABELS: Record<OverlayKind, string> = {
  goal: 'Goal bar',
  alerts: 'Tip alerts',
  top: 'Top tippers',
  menu: 'Tip menu',
  ticker: 'Recent events ticker',
};
