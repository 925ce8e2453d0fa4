/** The room toolkit's REST calls: /api/v1/rooms/{broadcaster}/… (goals, menu, reports, thresholds, overlays). */
import type {
  GoalItem,
  GoalsView,
  IssuedOverlay,
  LeaderboardView,
  MenuItem,
  MenuReportView,
  MenuView,
  Overlay,
  OverlayKind,
  OverlayPatch,
  OverlaysView,
  ReportQuery,
  ThresholdsBody,
  ThresholdsView,
  TipperTiersView,
} from '@/utils/shared/room-types';

type Query = Record<string, string | number | undefined>;
/** What the rooms calls need of the REST client (its `request`). */
export type Requester = <T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  query?: Query,
) => Promise<T>;

export function createRoomsApi(request: Requester) {
  const room = (broadcaster: string) => `/rooms/${encodeURIComponent(broadcaster)}`;
  const overlay = (b: string, id: string) => `${room(b)}/overlays/${encodeURIComponent(id)}`;
  return {
    goals: (b: string) => request<GoalsView>('GET', `${room(b)}/goals`),
    saveGoals: (b: string, goals: GoalItem[], carryOver?: boolean) =>
      request<GoalsView>('PUT', `${room(b)}/goals`, { goals, carry_over: carryOver }),
    resetGoals: (b: string) => request<GoalsView>('POST', `${room(b)}/goals/reset`),
    menu: (b: string) => request<MenuView>('GET', `${room(b)}/menu`),
    saveMenu: (b: string, items: MenuItem[], nearestBelow?: boolean) =>
      request<MenuView>('PUT', `${room(b)}/menu`, { items, nearest_below: nearestBelow }),
    /** Per menu item: tips that bought it and their tokens, this broadcast or a period. */
    menuReport: (b: string, query: ReportQuery) =>
      request<MenuReportView>('GET', `${room(b)}/menu/report`, undefined, { ...query }),
    /** Top tippers (and the king) of this broadcast or a period. */
    leaderboard: (b: string, query: ReportQuery & { limit?: number }) =>
      request<LeaderboardView>('GET', `${room(b)}/leaderboard`, undefined, { ...query }),
    thresholds: (b: string) => request<ThresholdsView>('GET', `${room(b)}/thresholds`),
    saveThresholds: (b: string, body: ThresholdsBody) => request<ThresholdsView>('PUT', `${room(b)}/thresholds`, body),
    tipperTiers: (b: string) => request<TipperTiersView>('GET', `${room(b)}/tipper-tiers`),
    overlays: (b: string) => request<OverlaysView>('GET', `${room(b)}/overlays`),
    createOverlay: (b: string, kind: OverlayKind, label = '') =>
      request<IssuedOverlay>('POST', `${room(b)}/overlays`, { kind, label }),
    /** Label or look of an overlay; its key and link stay. */
    updateOverlay: (b: string, id: string, patch: OverlayPatch) => request<Overlay>('PATCH', overlay(b, id), patch),
    rotateOverlay: (b: string, id: string) => request<IssuedOverlay>('POST', `${overlay(b, id)}/rotate`),
    revokeOverlay: (b: string, id: string) => request<null>('DELETE', overlay(b, id)),
  };
}

export type RoomsApi = ReturnType<typeof createRoomsApi>;
