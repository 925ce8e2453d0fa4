import { describe, expect, it } from 'vitest';
import {
  eventTime,
  formatAge,
  formatCompact,
  formatDuration,
  formatTokens,
  maskMoney,
  MASK,
  tokensPerHour,
} from '@/utils/shared/format';

describe('tokens', () => {
  it('formats with separators', () => expect(formatTokens(12500)).toBe('12,500 tk'));
  it('masks in hide-money mode', () => expect(formatTokens(12500, true)).toBe(`${MASK} tk`));
  it('compacts large numbers', () => {
    expect([950, 1234, 34_500, 1_500_000].map(formatCompact)).toEqual(['950', '1.2k', '35k', '1.5M']);
  });
  it('computes tokens per hour', () => {
    expect(tokensPerHour(300, 30 * 60_000)).toBe(600);
    expect(tokensPerHour(300, 0)).toBe(0);
  });
});

describe('maskMoney', () => {
  it('masks amounts next to token units and currency', () => {
    expect(maskMoney('Goal: 500 tokens, then 1,000tk! ($25)', true)).toBe(
      `Goal: ${MASK} tokens, then ${MASK}tk! ($${MASK})`,
    );
  });
  it('leaves other numbers and text alone', () => {
    expect(maskMoney('room 2 at 9pm', true)).toBe('room 2 at 9pm');
  });
  it('does nothing when hide-money is off', () => {
    expect(maskMoney('500 tokens', false)).toBe('500 tokens');
  });
});

describe('durations and ages', () => {
  it('formats durations', () => {
    expect([12_000, 250_000, 3_723_000].map(formatDuration)).toEqual(['12s', '4m 10s', '1h 02m']);
  });
  it('formats relative ages', () => {
    const now = 1_000_000_000;
    const ages = [null, now - 2_000, now - 42_000, now - 5 * 60_000, now - 3 * 3_600_000, now - 2 * 86_400_000];
    expect(ages.map((t) => formatAge(t, now))).toEqual(['never', 'just now', '42s ago', '5m ago', '3h ago', '2d ago']);
  });
  it('reads RFC 3339 and epoch-second timestamps', () => {
    expect(eventTime('2024-01-01T00:00:00Z', 0)).toBe(Date.UTC(2024, 0, 1));
    expect(eventTime(1_704_067_200, 0)).toBe(Date.UTC(2024, 0, 1));
    expect(eventTime('garbage', 7)).toBe(7);
  });
});
