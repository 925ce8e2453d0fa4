/** Shapes of /api/v1/rooms/{broadcaster}/… and the hub's `goal` and `tip_note` frames: aliases
 * over the generated contract (`./wire.ts`, `make wire-types`); see docs/rooms.md. */
import type {
  Goal,
  GoalsView,
  Leaderboard,
  MenuReport,
  OverlayBody,
  OverlayList,
  OverlayLook,
  TipperTier,
  TipperTiers,
} from './wire';
import { CATALOG } from './wire';

export type {
  GoalFrame,
  GoalItem,
  GoalsView,
  IssuedOverlay,
  MenuItem,
  MenuView,
  OverlayFont,
  OverlayLayout,
  OverlayLook,
  OverlayOption,
  OverlayPatch,
  ResolvedLook,
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
export type LeaderboardView = Leaderboard;
export type BoardLeader = Leaderboard['leaders'][number];
export type MenuReportView = MenuReport;
export type MenuItemSales = MenuReport['items'][number];
/** Look options as the server stores them: only those set (OverlayView.options). */
export type SavedLook = { [K in keyof OverlayLook]?: NonNullable<OverlayLook[K]> };

/** The leaderboard's and menu report's window: this broadcast, or a period (ISO instants, a time zone). */
export interface ReportQuery {
  scope: Leaderboard['scope'];
  from?: string;
  to?: string;
  tz?: string;
}

/** The kinds in the order the panel offers them: the server's (OverlayList.kinds lists them too). */
export const OVERLAY_KINDS: readonly OverlayKind[] = Object.keys(CATALOG.overlay_look.by_kind);
