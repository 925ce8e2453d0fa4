/**
 * The summary cards: each number as the server defines it (server/services/analytics/reports.py),
 * labelled for what it is, and "—" where the window has no data for it rather than a 0 that
 * reads as a measurement.
 */
import type { Summary } from './api';
import { fmtDec, fmtDuration, fmtInt } from './format';

export interface Card {
  label: string;
  value: string;
  note: string;
}

export const NONE = '—';

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const int = (value: unknown): string => (isNumber(value) ? fmtInt(value) : NONE);

/** Time-weighted average over the whole window up to now, offline time included. */
function averageViewers(summary: Summary): string {
  if (!isNumber(summary.average_viewers) || !isNumber(summary.peak_viewers) || summary.peak_viewers === 0) return NONE;
  if (summary.average_viewers === 0) return '< 0.01'; // rounded away by the server, not zero
  return fmtDec(summary.average_viewers);
}

export function summaryCards(summary: Summary): Card[] {
  const tips = isNumber(summary.tips) ? summary.tips : 0;
  const broadcasts = isNumber(summary.broadcasts) ? summary.broadcasts : 0;
  const sawViewers = isNumber(summary.peak_viewers) && summary.peak_viewers > 0;
  return [
    { label: 'Tokens from tips', value: int(summary.tokens), note: `${fmtInt(tips)} tips` },
    {
      label: 'Average tip',
      value: tips && isNumber(summary.average_tip) ? fmtDec(summary.average_tip) : NONE,
      note: 'tokens per tip',
    },
    { label: 'Unique tippers', value: int(summary.unique_tippers), note: 'named tippers' },
    {
      label: 'Media sales',
      value: int(summary.media_tokens),
      note: isNumber(summary.media_sales) ? `tokens, ${fmtInt(summary.media_sales)} sold` : 'tokens',
    },
    { label: 'Peak viewers', value: sawViewers ? int(summary.peak_viewers) : NONE, note: 'most at once' },
    { label: 'Average viewers', value: averageViewers(summary), note: 'round the clock, offline included' },
    {
      label: 'New followers',
      value: int(summary.follows),
      note: isNumber(summary.unfollows) ? `${fmtInt(summary.unfollows)} unfollowed` : 'follows',
    },
    { label: 'Chat messages', value: int(summary.chat_messages), note: 'public chat' },
    {
      label: 'Broadcast time',
      value: broadcasts && isNumber(summary.broadcast_seconds) ? fmtDuration(summary.broadcast_seconds) : NONE,
      note: `${fmtInt(broadcasts)} broadcast${broadcasts === 1 ? '' : 's'}`,
    },
  ];
}
