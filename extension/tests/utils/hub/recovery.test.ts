import { describe, expect, it } from 'vitest';
import { outcomeMessage, readSubscribeAck, type RecoveryOutcome } from '@/utils/hub/recovery';

const AT = 1_000;
const resumedFrom = { offset: 40, epoch: 'e1' };

describe('readSubscribeAck', () => {
  it('recovered: replayed frames apply past our position, in the epoch of the ack', () => {
    const ack = { ok: true, position: { offset: 45, epoch: 'e1' }, recovered: true, replayed: 5 };
    expect(readSubscribeAck(ack, resumedFrom, AT)).toEqual({
      floor: { offset: 40, epoch: 'e1' },
      outcome: expect.objectContaining({ recovered: true, replayed: 5, resumed: true, reason: null }),
    });
  });

  it('not recovered: the head of the new history, with the reason and the cap', () => {
    const cap = { events: 10_000, seconds: 600 };
    const ack = {
      ok: true,
      position: { offset: 3, epoch: 'e2' },
      recovered: false,
      replayed: 0,
      reason: 'replay_cap',
      cap,
    };
    const { floor, outcome } = readSubscribeAck(ack, resumedFrom, AT);
    expect(floor).toEqual({ offset: 3, epoch: 'e2' });
    expect(outcome).toMatchObject({ recovered: false, reason: 'replay_cap', cap, replayed: 0, at: AT });
  });

  it('an older server (offset only): recovered unless its head is behind ours', () => {
    const old = { offset: 40, epoch: null };
    expect(readSubscribeAck({ ok: true, offset: 44, replayed: 4 }, old, AT)).toMatchObject({
      floor: { offset: 40, epoch: null },
      outcome: { recovered: true, replayed: 4 },
    });
    expect(readSubscribeAck({ ok: true, offset: 2, replayed: 0 }, old, AT)).toMatchObject({
      floor: { offset: 2, epoch: null },
      outcome: { recovered: false, reason: 'stream_reset' },
    });
  });

  it("a room's first subscribe is not a resume", () => {
    const ack = { ok: true, position: { offset: 9, epoch: 'e1' }, recovered: true, replayed: 9 };
    expect(readSubscribeAck(ack, { offset: 0, epoch: null }, AT).outcome.resumed).toBe(false);
  });
});

describe('outcomeMessage', () => {
  const base: RecoveryOutcome = {
    recovered: true,
    replayed: 0,
    reason: null,
    cap: null,
    resumed: true,
    reload: null,
    reloaded: 0,
    at: AT,
  };

  it('says how many missed events were restored', () => {
    expect(outcomeMessage({ ...base, replayed: 37 })).toBe('Caught up, 37 missed events restored');
    expect(outcomeMessage({ ...base, replayed: 1 })).toBe('Caught up, 1 missed event restored');
    expect(outcomeMessage({ ...base })).toBe('Caught up, no events missed');
    expect(outcomeMessage({ ...base, replayed: 12, resumed: false })).toBeNull();
  });

  it('says the history was reloaded, and why', () => {
    const lost = { ...base, recovered: false, reloaded: 100, reload: 'done' as const };
    expect(outcomeMessage({ ...lost, reason: 'epoch_changed' })).toBe(
      "History reloaded (the server's event history was reset): the 100 most recent events",
    );
    expect(outcomeMessage({ ...lost, reason: 'replay_cap', cap: { events: 10_000, seconds: 600 } })).toBe(
      'History reloaded (more than 10,000 events or 10 minutes were missed): the 100 most recent events',
    );
    expect(outcomeMessage({ ...lost, reason: 'history_lost', reload: 'loading' })).toBe(
      'Reloading the recent feed (the missed events are no longer kept on the server)…',
    );
    expect(outcomeMessage({ ...lost, reason: 'history_unavailable', reload: 'failed' })).toBe(
      "History could not be reloaded (the server's event store is unavailable); events from now on are live",
    );
    expect(outcomeMessage({ ...lost, reason: 'replay_cap', resumed: false })).toBeNull(); // nothing was lost yet
    expect(outcomeMessage({ ...lost, reason: 'replay_cap', resumed: false, reload: 'failed' })).toContain('could not');
  });
});
