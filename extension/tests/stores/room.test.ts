import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useRoomStore } from '@/stores/room';
import { useSettingsStore } from '@/stores/settings';
import { useTippersStore, TIERS_REFRESH_MS } from '@/stores/tippers';
import { useFeedStore } from '@/stores/feed';
import { HubClient } from '@/utils/hub/client';
import type { RoomsApi } from '@/utils/api/rooms';
import { getOverlayLinks } from '@/utils/panel/overlay-links';
import { sendMessage } from '@/utils/shared/messaging';
import { ApiError } from '@/utils/shared/errors';
import type { GoalFrame, GoalsView, IssuedOverlay, OverlaysView, TipNote } from '@/utils/shared/room-types';
import { FakeSocket } from '@/tests/helpers/fake-socket';
import { fakeApi, envelope, resetPanel, tip } from '@/tests/helpers/panel';

const LIMITS = { goals: 1, menu_items: 50, overlays: 1, overlay_watermark: true, member_overlays: false };

function goalsView(progress = 0, goals = [{ label: 'Oil', tokens: 1000 }]): GoalsView {
  return {
    broadcaster: 'alice',
    goals,
    carry_over: false,
    reset_at: null,
    goal: goals[0] ? { label: goals[0].label, target: goals[0].tokens, progress, completed: false } : null,
    next: null,
  };
}

function overlay(id: string, kind: IssuedOverlay['kind'] = 'goal'): IssuedOverlay {
  return {
    id,
    broadcaster: 'alice',
    kind,
    label: '',
    member_sub: null,
    options: {},
    created_at: '2026-12-01T00:00:00Z',
    key: `key-${id}`,
    url: `/overlay/?key=key-${id}`,
  };
}

/** A stand-in for the server's rooms API: only what a test gives exists; every call is recorded. */
function fakeRooms(methods: Partial<RoomsApi>) {
  const rooms = methods as RoomsApi;
  fakeApi({ rooms });
  return rooms;
}

async function withRoom(): Promise<void> {
  await useSettingsStore().save({ broadcaster: 'alice', serverUrl: 'http://127.0.0.1:5000/' });
}

beforeEach(resetPanel);
afterEach(() => vi.useRealTimers());

describe('room store: goals', () => {
  it('reads the goals, then follows goal frames of its room only', async () => {
    await withRoom();
    fakeRooms({ goals: vi.fn(async () => goalsView(120)) });
    const room = useRoomStore();
    await room.init();
    expect(room.live?.goal).toMatchObject({ label: 'Oil', progress: 120, target: 1000 });

    const frame: GoalFrame = {
      broadcaster: 'alice',
      goal: { label: 'Dance', target: 500, progress: 20, completed: false },
      next: null,
      completed: { label: 'Oil', target: 1000 },
    };
    await sendMessage('hub:goal', frame);
    expect(room.live?.goal).toMatchObject({ label: 'Dance', progress: 20 });
    expect(room.justCompleted).toEqual({ label: 'Oil', target: 1000 });

    await sendMessage('hub:goal', { ...frame, broadcaster: 'someone_else', goal: null });
    expect(room.live?.goal?.label).toBe('Dance');
  });

  it('saves the list in order with the carry-over choice and takes the server answer', async () => {
    await withRoom();
    const saveGoals = vi.fn(async (_b: string, goals: { label: string; tokens: number }[]) => goalsView(0, goals));
    fakeRooms({ saveGoals });
    const room = useRoomStore();
    await room.saveGoals(
      [
        { label: 'B', tokens: 200 },
        { label: 'A', tokens: 100 },
      ],
      true,
    );
    expect(saveGoals).toHaveBeenCalledWith(
      'alice',
      [
        { label: 'B', tokens: 200 },
        { label: 'A', tokens: 100 },
      ],
      true,
    );
    expect(room.goals?.goals.map((g) => g.label)).toEqual(['B', 'A']);
    expect(room.live?.goal?.label).toBe('B');
  });

  it('passes a tier refusal to the caller and keeps what it had', async () => {
    await withRoom();
    fakeRooms({
      goals: async () => goalsView(5),
      saveGoals: async () => {
        throw new ApiError(403, 'tier_limit', 'The free plan allows 1 goals; remove some or upgrade.');
      },
    });
    const room = useRoomStore();
    await room.loadGoals();
    await expect(
      room.saveGoals(
        [
          { label: 'x', tokens: 1 },
          { label: 'y', tokens: 2 },
        ],
        false,
      ),
    ).rejects.toMatchObject({
      code: 'tier_limit',
    });
    expect(room.goals?.goals).toEqual([{ label: 'Oil', tokens: 1000 }]);
  });
});

describe('room store: overlay links', () => {
  const listed = (ids: string[]): OverlaysView => ({
    broadcaster: 'alice',
    overlays: ids.map((id) => overlay(id)),
    kinds: {},
    limits: LIMITS,
  });

  it('keeps the issued URL (shown once by the server) on its own server origin', async () => {
    await withRoom();
    let ids: string[] = [];
    fakeRooms({
      overlays: async () => listed(ids),
      createOverlay: async () => {
        ids = ['o1'];
        return overlay('o1');
      },
    });
    const room = useRoomStore();
    await room.createOverlay('goal');
    expect(room.links).toEqual({ o1: 'http://127.0.0.1:5000/overlay/?key=key-o1' });
    expect(await getOverlayLinks()).toEqual(room.links);
    expect(room.overlays?.overlays.map((o) => o.id)).toEqual(['o1']);
  });

  it('rotate replaces the link; revoke forgets it', async () => {
    await withRoom();
    let ids = ['o1'];
    fakeRooms({
      overlays: async () => listed(ids),
      createOverlay: async () => overlay('o1'),
      rotateOverlay: async () => {
        ids = ['o2'];
        return overlay('o2');
      },
      revokeOverlay: vi.fn(async () => {
        ids = [];
        return null;
      }),
    });
    const room = useRoomStore();
    await room.createOverlay('goal');
    await room.rotateOverlay('o1');
    expect(room.links).toEqual({ o2: 'http://127.0.0.1:5000/overlay/?key=key-o2' });
    await room.revokeOverlay('o2');
    expect(room.links).toEqual({});
    expect(room.overlays?.overlays).toEqual([]);
  });
});

describe('tippers store', () => {
  it('gives badges by username (any case) as the server ranks them', async () => {
    await withRoom();
    fakeRooms({
      tipperTiers: async () => ({
        broadcaster: 'alice',
        as_of: 0,
        thresholds: [],
        tippers: [{ username: 'Whale', tokens: 12_000, level: 4, tier: 'diamond' }],
      }),
    });
    const tippers = useTippersStore();
    await tippers.init();
    expect(tippers.tierOf('whale')?.tier).toBe('diamond');
    expect(tippers.tierOf('minnow')).toBeNull();
  });

  it('reads the tiers again once after a burst of tips, not after chat', async () => {
    vi.useFakeTimers();
    await withRoom();
    const tipperTiers = vi.fn(async () => ({ broadcaster: 'alice', as_of: 0, thresholds: [], tippers: [] }));
    fakeRooms({ tipperTiers });
    const tippers = useTippersStore();
    await tippers.init();
    const feed = useFeedStore();
    feed.add([envelope(1)]);
    await vi.advanceTimersByTimeAsync(TIERS_REFRESH_MS);
    expect(tipperTiers).toHaveBeenCalledTimes(1);
    feed.add([tip(2, 50), tip(3, 60)]);
    feed.add([tip(4, 70)]);
    await vi.advanceTimersByTimeAsync(TIERS_REFRESH_MS);
    expect(tipperTiers).toHaveBeenCalledTimes(2);
  });
});

describe('HubClient goal frames', () => {
  it('hands every goal frame and tip note to the listener', async () => {
    const socket = new FakeSocket();
    const frames: GoalFrame[] = [];
    const notes: TipNote[] = [];
    const hub = new HubClient({
      createSocket: () => socket,
      refreshToken: async () => true,
      loadPosition: async () => ({ offset: 0, epoch: null }),
      savePosition: async () => undefined,
      listener: { onGoal: (frame) => frames.push(frame), onTipNote: (note) => notes.push(note) },
    });
    await hub.start('alice');
    socket.accept();
    const frame = { broadcaster: 'alice', goal: null, next: null };
    socket.fire('goal', frame);
    expect(frames).toEqual([frame]);
    const note = { broadcaster: 'alice', offset: 3, event_id: 'e3', tokens: 5, menu_item: null, big_tip: false };
    socket.fire('tip_note', note);
    expect(notes).toEqual([note]);
    hub.stop();
  });
});
