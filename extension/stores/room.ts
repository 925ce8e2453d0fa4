import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { useApi } from '@/composables/useApi';
import { useSettingsStore } from '@/stores/settings';
import { getOverlayLinks, overlayUrl, setOverlayLink, type OverlayLinks } from '@/utils/panel/overlay-links';
import { onMessage } from '@/utils/shared/messaging';
import type {
  GoalFrame,
  GoalItem,
  GoalState,
  GoalsView,
  IssuedOverlay,
  MenuItem,
  MenuView,
  Overlay,
  OverlayKind,
  OverlayPatch,
  OverlaysView,
  ThresholdsBody,
  ThresholdsView,
} from '@/utils/shared/room-types';

/**
 * The room toolkit as the server holds it: goals (and the active goal's live progress), tip menu,
 * thresholds and overlay links. Writes go to the server and take its answer; errors are thrown to
 * the component that asked, so they show where the streamer clicked.
 */
export const useRoomStore = defineStore('room', () => {
  const settings = useSettingsStore();
  const api = () => useApi().rooms;
  const broadcaster = computed(() => settings.settings.broadcaster);
  const goals = shallowRef<GoalsView | null>(null);
  /** the active goal: from GET /goals, then every hub `goal` frame */
  const live = shallowRef<GoalState | null>(null);
  /** what the last frame completed, until the next frame */
  const justCompleted = shallowRef<GoalFrame['completed'] | null>(null);
  const menu = shallowRef<MenuView | null>(null);
  const thresholds = shallowRef<ThresholdsView | null>(null);
  const overlays = shallowRef<OverlaysView | null>(null);
  const links = ref<OverlayLinks>({});
  let listening = false;

  function takeGoals(view: GoalsView): GoalsView {
    goals.value = view;
    live.value = { goal: view.goal, next: view.next };
    return view;
  }

  function applyGoalFrame(frame: GoalFrame): void {
    if (frame?.broadcaster !== broadcaster.value) return; // a frame of a room we just left
    live.value = { goal: frame.goal, next: frame.next };
    justCompleted.value = frame.completed ?? null;
  }

  function clear(): void {
    goals.value = live.value = menu.value = thresholds.value = overlays.value = null;
    justCompleted.value = null;
  }

  const loadGoals = async () => takeGoals(await api().goals(broadcaster.value));
  const loadMenu = async () => (menu.value = await api().menu(broadcaster.value));
  const loadThresholds = async () => (thresholds.value = await api().thresholds(broadcaster.value));
  async function loadOverlays(): Promise<OverlaysView> {
    const [view, stored] = await Promise.all([api().overlays(broadcaster.value), getOverlayLinks()]);
    links.value = stored;
    return (overlays.value = view);
  }

  async function saveGoals(list: GoalItem[], carryOver: boolean): Promise<GoalsView> {
    return takeGoals(await api().saveGoals(broadcaster.value, list, carryOver));
  }
  const resetGoals = async () => takeGoals(await api().resetGoals(broadcaster.value));
  async function saveMenu(items: MenuItem[], nearestBelow: boolean): Promise<MenuView> {
    return (menu.value = await api().saveMenu(broadcaster.value, items, nearestBelow));
  }
  async function saveThresholds(body: ThresholdsBody): Promise<ThresholdsView> {
    return (thresholds.value = await api().saveThresholds(broadcaster.value, body));
  }

  async function keepLink(issued: IssuedOverlay, replaces?: string): Promise<void> {
    const url = overlayUrl(settings.settings.serverUrl, issued.url);
    links.value = await setOverlayLink(issued.id, url, replaces);
  }
  async function createOverlay(kind: OverlayKind): Promise<IssuedOverlay> {
    const issued = await api().createOverlay(broadcaster.value, kind);
    await keepLink(issued);
    await loadOverlays();
    return issued;
  }
  async function rotateOverlay(id: string): Promise<IssuedOverlay> {
    const issued = await api().rotateOverlay(broadcaster.value, id);
    await keepLink(issued, id);
    await loadOverlays();
    return issued;
  }
  /** Save an overlay's label or look; its key and link stay, so the OBS source keeps working. */
  async function updateOverlay(id: string, patch: OverlayPatch): Promise<Overlay> {
    const updated = await api().updateOverlay(broadcaster.value, id, patch);
    const view = overlays.value;
    if (view) overlays.value = { ...view, overlays: view.overlays.map((o) => (o.id === id ? updated : o)) };
    return updated;
  }
  async function revokeOverlay(id: string): Promise<void> {
    await api().revokeOverlay(broadcaster.value, id);
    links.value = await setOverlayLink(id, null);
    await loadOverlays();
  }

  /** Listen for `goal` frames (relayed by the background) and read the goals once. */
  async function init(): Promise<void> {
    if (!listening) {
      listening = true;
      onMessage('hub:goal', ({ data }) => applyGoalFrame(data));
    }
    if (broadcaster.value) await loadGoals().catch(() => undefined); // the Room tab shows errors
  }

  return {
    broadcaster,
    goals,
    live,
    justCompleted,
    menu,
    thresholds,
    overlays,
    links,
    applyGoalFrame,
    clear,
    init,
    loadGoals,
    loadMenu,
    loadThresholds,
    loadOverlays,
    saveGoals,
    resetGoals,
    saveMenu,
    saveThresholds,
    createOverlay,
    rotateOverlay,
    updateOverlay,
    revokeOverlay,
  };
});
