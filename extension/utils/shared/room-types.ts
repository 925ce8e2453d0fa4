/** Shapes of /api/v1/rooms/{broadcaster}/… and the hub's `goal` frame (see docs/rooms.md). */

export interface GoalItem {
  label: string;
  tokens: number;
}

/** The active goal as the server counts it (`goal` frames and GET /goals carry the same shape). */
export interface GoalProgress {
  label: string;
  target: number;
  progress: number;
  completed: boolean;
}

export interface GoalState {
  goal: GoalProgress | null;
  next: { label: string; target: number } | null;
}

export interface GoalsView extends GoalState {
  broadcaster: string;
  goals: GoalItem[];
  carry_over: boolean;
  reset_at: string | null;
}

/** Hub `goal`: after each counted tip, broadcastStart, goal edit and reset. */
export interface GoalFrame extends GoalState {
  broadcaster: string;
  completed?: { label: string; target: number };
}

export interface MenuItem {
  name: string;
  tokens: number;
}

export interface MenuView {
  broadcaster: string;
  items: MenuItem[];
  nearest_below: boolean;
}

export interface TipperTierLevel {
  level: number;
  name: string;
  tokens: number;
}

export interface ThresholdsView {
  broadcaster: string;
  big_tip_tokens: number | null;
  tipper_tiers: TipperTierLevel[];
}

export interface ThresholdsBody {
  big_tip_tokens?: number;
  tipper_tiers?: number[];
}

export const OVERLAY_KINDS = ['goal', 'alerts', 'top', 'menu', 'ticker'] as const;
export type OverlayKind = (typeof OVERLAY_KINDS)[number];

export interface Overlay {
  id: string;
  broadcaster: string;
  kind: OverlayKind;
  label: string;
  member_sub: string | null;
  options: Record<string, string | number | boolean>;
  created_at: string;
}

/** Only the create and rotate answers carry the key and its URL (path only, e.g. `/overlay/?key=…`). */
export interface IssuedOverlay extends Overlay {
  key: string;
  url: string;
}

export interface RoomLimits {
  goals: number;
  menu_items: number;
  overlays: number;
  overlay_watermark: boolean;
  member_overlays: boolean;
}

export interface OverlaysView {
  broadcaster: string;
  overlays: Overlay[];
  kinds: Record<string, string[]>;
  limits: RoomLimits;
}

export interface TieredTipper {
  username: string;
  tokens: number;
  level: number;
  tier: string;
}

export interface TipperTiersView {
  broadcaster: string;
  as_of: number;
  thresholds: { name: string; tokens: number }[];
  tippers: TieredTipper[];
}

/** Hub `tip_note`: after a tip's `event`, when it bought a menu item or reached the big-tip level. */
export interface TipNote {
  broadcaster: string;
  offset: number;
  event_id: string;
  tokens: number;
  menu_item: MenuItem | null;
  big_tip: boolean;
}
