/** What makes a feed row stand out: big tips and who the viewer is (fan club, new here, has notes). */
import type { FeedItem } from '@/utils/panel/feed';

export function isBigTip(item: FeedItem, threshold: number): boolean {
  return threshold > 0 && item.category === 'tip' && item.tokens >= threshold;
}

export type ViewerMark = 'fanclub' | 'new' | 'notes';
export const MARK_LABELS: Record<ViewerMark, { text: string; title: string }> = {
  fanclub: { text: '★', title: 'Fan club member' },
  new: { text: 'new', title: 'First time in the feed since the panel opened' },
  notes: { text: '✎', title: 'You have notes on this viewer' },
};

export interface ViewerFacts {
  /** username (lowercase) → id of the first row from that viewer since the panel opened */
  firstRow: ReadonlyMap<string, string>;
  /** usernames (lowercase) with notes */
  noted: ReadonlySet<string>;
}

export function viewerMarks(item: FeedItem, facts: ViewerFacts): ViewerMark[] {
  const name = item.username.toLowerCase();
  if (!name || item.username === 'Anonymous' || item.category === 'room') return [];
  const marks: ViewerMark[] = [];
  if (item.event.user?.inFanclub || item.method === 'fanclubJoin') marks.push('fanclub');
  if (facts.firstRow.get(name) === item.id) marks.push('new');
  if (facts.noted.has(name)) marks.push('notes');
  return marks;
}

/** Rows that count as "the viewer showed up": chat, tips, follows (enter/leave alone does not). */
export function marksFirstRow(item: FeedItem): boolean {
  return Boolean(item.username) && item.category !== 'presence' && item.category !== 'room';
}
