import { describe, expect, it } from 'vitest';
import type { Summary } from './api';
import { NONE, summaryCards } from './cards';

const base: Summary = {
  from: '2026-12-01T00:00:00Z',
  to: '2026-12-02T00:00:00Z',
  tz: 'UTC',
  clamped: null,
  broadcaster: 'demo_room',
  tokens: 0,
  tips: 0,
  unique_tippers: 0,
  average_tip: 0,
  follows: 0,
  unfollows: 0,
  fanclub_joins: 0,
  media_sales: 0,
  media_tokens: 0,
  chat_messages: 0,
  private_messages: 0,
  peak_viewers: 0,
  average_viewers: 0,
  broadcasts: 0,
  broadcast_seconds: 0,
};
const value = (summary: Summary, label: string): string | undefined =>
  summaryCards(summary).find((card) => card.label === label)?.value;

describe('summary cards', () => {
  it('shows — for numbers the window has no data for', () => {
    expect(value(base, 'Average tip')).toBe(NONE);
    expect(value(base, 'Peak viewers')).toBe(NONE);
    expect(value(base, 'Average viewers')).toBe(NONE);
    expect(value(base, 'Broadcast time')).toBe(NONE);
    const older: Partial<Summary> = { ...base };
    delete older.media_sales;
    delete older.media_tokens;
    expect(value(older as Summary, 'Media sales')).toBe(NONE); // an older server without the field
    expect(value(base, 'Tokens from tips')).toBe('0'); // a real zero stays a zero
  });

  it('never shows an average of 0 beside a peak: the server rounded it away', () => {
    expect(value({ ...base, peak_viewers: 11, average_viewers: 0 }, 'Average viewers')).toBe('< 0.01');
    expect(value({ ...base, peak_viewers: 11, average_viewers: 3.5 }, 'Average viewers')).toBe('3.5');
  });

  it('labels the average as round the clock', () => {
    const card = summaryCards(base).find((c) => c.label === 'Average viewers');
    expect(card?.note).toContain('offline included');
  });

  it('counts broadcasts and tips in the notes', () => {
    const cards = summaryCards({
      ...base,
      tokens: 500,
      tips: 4,
      average_tip: 125,
      broadcasts: 1,
      broadcast_seconds: 5400,
    });
    expect(cards.find((c) => c.label === 'Tokens from tips')?.note).toBe('4 tips');
    expect(cards.find((c) => c.label === 'Average tip')?.value).toBe('125');
    expect(cards.find((c) => c.label === 'Broadcast time')).toMatchObject({ value: '1 h 30 min', note: '1 broadcast' });
  });
});
