import { describe, expect, it } from 'vitest';
import { formatCurrency, parseRate } from '@/utils/panel/currency';
import { moveItem } from '@/utils/panel/lists';
import { overlayUrl } from '@/utils/panel/overlay-links';
import { parseTipMenu } from '@/utils/panel/tip-menu-text';

describe('parseTipMenu', () => {
  it('reads one item a line in the usual shapes', () => {
    const text = [
      'Flash - 50 tk',
      'Dance 💃 100 tokens',
      '• Spank (25tk)',
      '77 tk: Song request',
      'Top 3 songs | 1,000',
      'Welcome to my room!',
      '',
    ].join('\n');
    expect(parseTipMenu(text)).toEqual([
      { name: 'Flash', tokens: 50 },
      { name: 'Dance 💃', tokens: 100 },
      { name: 'Spank', tokens: 25 },
      { name: 'Song request', tokens: 77 },
      { name: 'Top 3 songs', tokens: 1000 },
    ]);
  });

  it('skips lines without a name or with a price the server would refuse', () => {
    expect(parseTipMenu('50 tk\nFree hug - 0 tk\nCar - 5000000 tk\nHalf - 2.5 tk')).toEqual([]);
  });
});

describe('currency', () => {
  it('formats tokens at the rate and refuses unusable rates or codes', () => {
    expect(formatCurrency(100, { currency: 'USD', perToken: 0.05 })).toBe('$5.00');
    expect(formatCurrency(100, { currency: 'EUR', perToken: 0.05 })).toBe('€5.00');
    expect(formatCurrency(100, { currency: 'USD', perToken: 0 })).toBe('');
    expect(formatCurrency(100, { currency: 'not a code', perToken: 0.05 })).toBe('');
  });

  it('parses a typed rate', () => {
    expect(parseRate(' 0,08 ')).toBe(0.08);
    expect(parseRate('0')).toBeNull();
    expect(parseRate('abc')).toBeNull();
    expect(parseRate('5000')).toBeNull();
  });
});

describe('lists and links', () => {
  it('moves an item, clamped at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, 5)).toEqual(['b', 'c', 'a']);
  });

  it('puts the issued path on the server origin', () => {
    expect(overlayUrl('https://wcp.example/', '/overlay/?key=abc')).toBe('https://wcp.example/overlay/?key=abc');
  });
});
