import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import FeedRow from '@/components/live/FeedRow.vue';
import GoalBar from '@/components/live/GoalBar.vue';
import CurrencySettings from '@/components/settings/CurrencySettings.vue';
import GoalsEditor from '@/components/room/GoalsEditor.vue';
import OverlayRow from '@/components/room/OverlayRow.vue';
import RoomView from '@/components/room/RoomView.vue';
import { useRoomStore } from '@/stores/room';
import { useSettingsStore } from '@/stores/settings';
import { useTippersStore } from '@/stores/tippers';
import { TIP_NOTES_CAP, useTipNotesStore } from '@/stores/tipNotes';
import { sendMessage } from '@/utils/shared/messaging';
import type { RoomsApi } from '@/utils/api/rooms';
import { toFeedItem } from '@/utils/panel/feed';
import { ApiError } from '@/utils/shared/errors';
import { MASK } from '@/utils/shared/format';
import type { GoalsView, Overlay } from '@/utils/shared/room-types';
import { browser } from 'wxt/browser';
import { fakeApi, resetPanel, tip } from '@/tests/helpers/panel';

const LIMITS = { goals: 1, menu_items: 50, overlays: 1, overlay_watermark: true, member_overlays: false };
const GOALS: GoalsView = {
  broadcaster: 'alice',
  goals: [
    { label: 'Oil', tokens: 1000 },
    { label: 'Dance', tokens: 300 },
  ],
  carry_over: false,
  reset_at: null,
  goal: { label: 'Oil', target: 1000, progress: 250, completed: false },
  next: { label: 'Dance', target: 300 },
};
const OVERLAY: Overlay = {
  id: 'o1',
  broadcaster: 'alice',
  kind: 'goal',
  label: '',
  member_sub: null,
  options: {},
  created_at: '2026-12-01T00:00:00Z',
};

const rooms = (methods: Partial<RoomsApi>) => fakeApi({ rooms: methods as RoomsApi });

beforeEach(async () => {
  resetPanel();
  await useSettingsStore().save({ broadcaster: 'alice' });
});

describe('GoalsEditor', () => {
  it('reorders, removes and saves the list in the order shown', async () => {
    const saveGoals = vi.fn(async (_b: string, goals: { label: string; tokens: number }[], carry?: boolean) => ({
      ...GOALS,
      goals,
      carry_over: carry ?? false,
    }));
    rooms({ saveGoals });
    const wrapper = mount(GoalsEditor, { props: { view: GOALS, limit: 50 } });
    const rows = () => wrapper.findAll('[data-testid="goal-row"]');
    await rows()[1]!.get('[title="Move up"]').trigger('click');
    await wrapper.get('[data-testid="add-goal"]').trigger('click');
    await rows()[2]!.get('input[aria-label="Goal"]').setValue('  Squirt  ');
    await rows()[2]!.get('input[aria-label="Tokens"]').setValue('2000');
    await wrapper.get('input[name="carryOver"]').setValue(true);
    await wrapper.get('[data-testid="save-goals"]').trigger('click');
    await flushPromises();
    expect(saveGoals).toHaveBeenCalledWith(
      'alice',
      [
        { label: 'Dance', tokens: 300 },
        { label: 'Oil', tokens: 1000 },
        { label: 'Squirt', tokens: 2000 },
      ],
      true,
    );
    expect(wrapper.text()).toContain('Saved');
  });

  it('shows the plan limit, and the server refusal inside the editor', async () => {
    rooms({
      saveGoals: async () => {
        throw new ApiError(403, 'tier_limit', 'The free plan allows 1 goals; remove some or upgrade.');
      },
    });
    const wrapper = mount(GoalsEditor, { props: { view: GOALS, limit: 1 } });
    expect(wrapper.get('[data-testid="list-limit"]').text()).toContain('2 / 1 goals — over your plan');
    await wrapper.get('[data-testid="save-goals"]').trigger('click');
    await flushPromises();
    const alert = wrapper.get('[role="alert"]');
    expect(alert.attributes('data-code')).toBe('tier_limit');
    expect(alert.text()).toContain('The free plan allows 1 goals');
    expect(alert.get('button').text()).toBe('See plans');
  });
});

describe('GoalBar', () => {
  it('shows the server-counted progress and moves with goal frames', async () => {
    const room = useRoomStore();
    room.live = { goal: GOALS.goal, next: GOALS.next };
    const wrapper = mount(GoalBar);
    expect(wrapper.text()).toContain('Oil');
    expect(wrapper.get('[data-testid="goal-amounts"]').text()).toBe('250 / 1,000 tk');
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('25');
    expect(wrapper.text()).toContain('Next: Dance');
    room.applyGoalFrame({
      broadcaster: 'alice',
      goal: { label: 'Dance', target: 300, progress: 0, completed: false },
      next: null,
      completed: { label: 'Oil', target: 1000 },
    });
    await flushPromises();
    expect(wrapper.text()).toContain('🎉 Oil reached!');
    expect(wrapper.get('[data-testid="goal-amounts"]').text()).toBe('0 / 300 tk');
  });

  it('adds the currency when asked, and masks everything in hide-money mode', async () => {
    const settings = useSettingsStore();
    useRoomStore().live = { goal: GOALS.goal, next: null };
    await settings.save({ showCurrency: true });
    const wrapper = mount(GoalBar);
    expect(wrapper.get('[data-testid="goal-amounts"]').text()).toBe('250 / 1,000 tk (≈ $50.00)');
    await settings.save({ hideMoney: true });
    await flushPromises();
    expect(wrapper.get('[data-testid="goal-amounts"]').text()).toBe(`${MASK} / ${MASK} tk`);
  });

  it('draws nothing without a goal', () => {
    expect(mount(GoalBar).find('[data-testid="goal-bar"]').exists()).toBe(false);
  });
});

describe('tier badges', () => {
  it('marks a tiered tipper in the feed row', () => {
    useTippersStore().byName = new Map([['bob', { username: 'bob', tokens: 600, level: 2, tier: 'silver' }]]);
    const bob = mount(FeedRow, { props: { item: toFeedItem(tip(1, 50, 'Bob'), 0) } });
    expect(bob.get('[data-testid="tier-badge"]').attributes('data-tier')).toBe('silver');
    const ann = mount(FeedRow, { props: { item: toFeedItem(tip(2, 50, 'ann'), 0) } });
    expect(ann.find('[data-testid="tier-badge"]').exists()).toBe(false);
  });
});

describe('tip notes', () => {
  const note = (eventId: string, broadcaster = 'alice') => ({
    broadcaster,
    offset: 1,
    event_id: eventId,
    tokens: 77,
    menu_item: { name: 'Flash', tokens: 77 },
    big_tip: true,
  });

  it('shows the menu item a tip bought and the big-tip mark in its feed row', async () => {
    const notes = useTipNotesStore();
    notes.init();
    const item = toFeedItem(tip(1, 77, 'bob'), 0);
    const wrapper = mount(FeedRow, { props: { item } });
    expect(wrapper.find('[data-testid="menu-item-bought"]').exists()).toBe(false);
    await sendMessage('hub:tipNote', note(item.id));
    await sendMessage('hub:tipNote', note('other-room-event', 'someone_else'));
    await flushPromises();
    expect(wrapper.get('[data-testid="menu-item-bought"]').text()).toBe('🛒 Flash');
    expect(wrapper.find('[data-testid="big-tip"]').exists()).toBe(true);
    expect(notes.noteOf('other-room-event')).toBeNull();
  });

  it('keeps only the newest notes', () => {
    const notes = useTipNotesStore();
    for (let i = 0; i <= TIP_NOTES_CAP; i++) notes.add(note(`e${i}`));
    expect(notes.byEvent.size).toBe(TIP_NOTES_CAP);
    expect(notes.noteOf('e0')).toBeNull();
    expect(notes.noteOf(`e${TIP_NOTES_CAP}`)).not.toBeNull();
  });
});

describe('OverlayRow', () => {
  it('without a stored link previews the demo, and shows a refusal in the row', async () => {
    rooms({
      revokeOverlay: async () => {
        throw new ApiError(403, 'owner_only', "Only the room's owner can change its goals, menu or overlays.");
      },
    });
    const wrapper = mount(OverlayRow, { props: { overlay: OVERLAY } });
    expect(wrapper.get('[data-testid="overlay-copy"]').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('Rotate for a new one');
    const opened = vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
    await wrapper.get('[data-testid="overlay-preview"]').trigger('click');
    expect(opened).toHaveBeenCalledWith({ url: 'http://127.0.0.1:5000/overlay/preview.html?kind=goal' });
    await wrapper.get('[data-testid="overlay-revoke"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toContain("Only the room's owner");
  });

  it('shows the stored link to copy', async () => {
    useRoomStore().links = { o1: 'http://127.0.0.1:5000/overlay/?key=abc' };
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const wrapper = mount(OverlayRow, { props: { overlay: OVERLAY } });
    expect((wrapper.get('[data-testid="overlay-link"]').element as HTMLInputElement).value).toBe(
      'http://127.0.0.1:5000/overlay/?key=abc',
    );
    await wrapper.get('[data-testid="overlay-copy"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('http://127.0.0.1:5000/overlay/?key=abc');
  });
});

describe('RoomView', () => {
  it('loads every section and states the plan', async () => {
    rooms({
      goals: async () => GOALS,
      menu: async () => ({ broadcaster: 'alice', items: [{ name: 'Flash', tokens: 50 }], nearest_below: true }),
      thresholds: async () => ({
        broadcaster: 'alice',
        big_tip_tokens: 500,
        tipper_tiers: ['bronze', 'silver', 'gold', 'diamond'].map((name, i) => ({
          level: i + 1,
          name,
          tokens: [100, 500, 2000, 10000][i]!,
        })),
      }),
      overlays: async () => ({ broadcaster: 'alice', overlays: [OVERLAY], kinds: {}, limits: LIMITS }),
    });
    const wrapper = mount(RoomView);
    await flushPromises();
    expect(wrapper.get('[data-testid="room-limits"]').text()).toContain('1 goal · 50 menu items · 1 overlay');
    expect(wrapper.get('[data-testid="room-limits"]').text()).toContain('small WebCammerPlus mark');
    expect(wrapper.findAll('[data-testid="goal-row"]')).toHaveLength(2);
    expect(wrapper.findAll('[data-testid="menu-row"]')).toHaveLength(1);
    expect((wrapper.get('input[name="menuMatch"][value="true"]').element as HTMLInputElement).checked).toBe(true);
    expect((wrapper.get('#big-tip').element as HTMLInputElement).value).toBe('500');
    expect(wrapper.findAll('[data-testid="overlay-row"]')).toHaveLength(1);
  });
});

describe('CurrencySettings', () => {
  it('refuses a rate that is not a positive number and saves a good one', async () => {
    const wrapper = mount(CurrencySettings);
    await wrapper.get('#currency-rate').setValue('free');
    await wrapper.get('[data-testid="save-rate"]').trigger('click');
    await flushPromises();
    expect(wrapper.text()).toContain('Enter what one token is worth');
    await wrapper.get('#currency-rate').setValue('0.08');
    await wrapper.get('[data-testid="save-rate"]').trigger('click');
    await flushPromises();
    expect(useSettingsStore().settings.currencyPerToken).toBe(0.08);
    expect(wrapper.text()).toContain('100 tk ≈ $8.00');
  });
});
