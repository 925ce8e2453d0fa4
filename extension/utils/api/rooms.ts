/** The room toolkit's REST calls: /api/v1/rooms/{broadcaster}/… (goals, menu, thresholds, overlays). */
import type {
  GoalItem,
  GoalsView,
  IssuedOverlay,
  MenuItem,
  MenuView,
  OverlayKind,
  OverlaysView,
  ThresholdsBody,
  ThresholdsView,
  TipperTiersView,
} from '@/utils/shared/room-types';

/** What the rooms calls need of the REST client (its `request`). */
export type Requester = <T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => Promise<T>;

export function createRoomsApi(request: Requester) {
  const room = (broadcaster: string) => `/rooms/${encodeURIComponent(broadcaster)}`;
  return {
    goals: (b: string) => request<GoalsView>('GET', `${room(b)}/goals`),
    saveGoals: (b: string, goals: GoalItem[], carryOver?: boolean) =>
      request<GoalsView>('PUT', `${room(b)}/goals`, { goals, carry_over: carryOver }),
    resetGoals: (b: string) => request<GoalsView>('POST', `${room(b)}/goals/reset`),
    menu: (b: string) => request<MenuView>('GET', `${room(b)}/menu`),
    saveMenu: (b: string, items: MenuItem[], nearestBelow?: boolean) =>
      request<MenuView>('PUT', `${room(b)}/menu`, { items, nearest_below: nearestBelow }),
    thresholds: (b: string) => request<ThresholdsView>('GET', `${room(b)}/thresholds`),
    saveThresholds: (b: string, body: ThresholdsBody) => request<ThresholdsView>('PUT', `${room(b)}/thresholds`, body),
    tipperTiers: (b: string) => request<TipperTiersView>('GET', `${room(b)}/tipper-tiers`),
    overlays: (b: string) => request<OverlaysView>('GET', `${room(b)}/overlays`),
    createOverlay: (b: string, kind: OverlayKind, label = '') =>
      request<IssuedOverlay>('POST', `${room(b)}/overlays`, { kind, label }),
    rotateOverlay: (b: string, id: string) =>
      request<IssuedOverlay>('POST', `${room(b)}/overlays/${encodeURIComponent(id)}/rotate`),
    revokeOverlay: (b: string, id: string) => request<null>('DELETE', `${room(b)}/overlays/${encodeURIComponent(id)}`),
  };
}

export type RoomsApi = ReturnType<typeof createRoomsApi>;
