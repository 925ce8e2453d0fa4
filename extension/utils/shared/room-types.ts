/** Shapes of /api/v1/rooms/{broadcaster}/… and the hub's `goal` and `tip_note` frames: aliases
 * over the generated contract (`./wire.ts`, `make wire-types`); see docs/rooms.md. */
import type { Goal, GoalsView, OverlayBody, OverlayList, TipperTier, TipperTiers } from './wire';

export type {
  GoalFrame,
  GoalItem,
  GoalsView,
  IssuedOverlay,
  MenuItem,
  MenuView,
  RoomLimits,
  ThresholdsBody,
  ThresholdsView,
  TipNote,
  TipperTiers as TipperTiersView,
} from './wire';

/** The active goal as the server counts it (`goal` frames and GET /goals carry the same shape). */
export type GoalProgress = Goal;
export type GoalState = Pick<GoalsView, 'goal' | 'next'>;
export type TipperTierLevel = TipperTier;
export type OverlayKind = OverlayBody['kind'];
export type Overlay = OverlayList['overlays'][number];
export type OverlaysView = OverlayList;
export type TieredTipper = TipperTiers['tippers'][number];

/** The kinds in the order the panel offers them (the server's list is OverlayList.kinds). */
export const OVERLAY_KINDS: readonly OverlayKind[] = ['goal', 'alerts', 'top', 'menu', 'ticker'];
