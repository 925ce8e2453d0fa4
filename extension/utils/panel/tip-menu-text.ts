/** A tip menu typed or pasted as text (e.g. copied from the Write tab) → items (name, price). */
import type { MenuItem } from '@/utils/shared/room-types';

export const MAX_NAME_CHARS = 100;
export const MAX_PRICE = 1_000_000;

// "Flash - 50 tk", "Kiss 💋 25 tokens", "Dance (30tk)", "50 tk: Spin", "Song | 77"
const PRICE = /(\d[\d,.]*)\s*(?:tk|tks|tokens?)?\b/i;
const SEPARATORS = /^[\s\-–—:|•·*()[\]@=>]+|[\s\-–—:|•·*()[\]@=<]+$/g;

function toPrice(text: string): number | null {
  const value = Number(text.replace(/[,.](?=\d{3}\b)/g, ''));
  return Number.isInteger(value) && value >= 1 && value <= MAX_PRICE ? value : null;
}

/** One item per line that has a whole token price and a name; other lines are skipped. */
export function parseTipMenu(text: string): MenuItem[] {
  const items: MenuItem[] = [];
  for (const line of text.split(/\r?\n/)) {
    // the last number on the line is the price ("Top 3 songs - 100 tk")
    const matches = [...line.matchAll(new RegExp(PRICE, 'gi'))];
    const match = matches.at(-1);
    if (!match || match.index === undefined) continue;
    const tokens = toPrice(match[1]!);
    const name = (line.slice(0, match.index) + ' ' + line.slice(match.index + match[0].length))
      .replace(SEPARATORS, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_NAME_CHARS);
    if (tokens !== null && name) items.push({ name, tokens });
  }
  return items;
}
