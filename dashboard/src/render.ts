/** Summary cards and the sessions table (textContent only: usernames are user input). */
import type { SessionRow, Summary } from './api';
import { summaryCards } from './cards';
import { fmtDec, fmtDuration, fmtInt, fmtWhen } from './format';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', className = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function renderCards(summary: Summary): void {
  const box = document.getElementById('cards') as HTMLElement;
  box.replaceChildren(
    ...summaryCards(summary).map(({ label, value, note }) => {
      const card = element('div', '', 'card');
      card.append(element('span', label, 'label'), element('strong', value, 'value'), element('span', note, 'note'));
      return card;
    }),
  );
}

/** Remove every number of the previous room (before showing an error in their place). */
export function clearNumbers(): void {
  (document.getElementById('cards') as HTMLElement).replaceChildren();
  (document.querySelector('#sessions tbody') as HTMLElement).replaceChildren();
  (document.getElementById('window') as HTMLElement).textContent = '';
}

const BUCKETS: Record<string, string> = {
  '1m': 'per minute',
  '5m': 'per 5 minutes',
  '1h': 'per hour',
  '1d': 'per day',
};

export function renderWindow(summary: Summary, zone: string, interval: string): void {
  const text = `${fmtWhen(summary.from, zone)} → ${fmtWhen(summary.to, zone)} (${zone}) · charts ${BUCKETS[interval] ?? interval}`;
  const clamp = summary.clamped ? ` · history limited: ${summary.clamped.reason}` : '';
  const box = document.getElementById('window') as HTMLElement;
  box.textContent = text + clamp;
  box.dataset.interval = interval;
}

export function renderSessions(rows: SessionRow[], zone: string): void {
  const body = document.querySelector('#sessions tbody') as HTMLElement;
  if (!rows.length) {
    const cell = element('td', 'No broadcasts in this range.', 'muted');
    cell.colSpan = 6;
    const row = element('tr');
    row.append(cell);
    body.replaceChildren(row);
    return;
  }
  body.replaceChildren(
    ...rows.map((session) => {
      const row = element('tr');
      const start = fmtWhen(session.start, zone) + (session.live ? ' · live' : '');
      const top = session.top_tipper ? `${session.top_tipper.username} (${fmtInt(session.top_tipper.tokens)})` : '—';
      row.append(
        element('td', start),
        element('td', fmtDuration(session.duration_seconds)),
        element('td', fmtInt(session.tokens), 'num'),
        element('td', session.tokens_per_hour === null ? '—' : fmtDec(session.tokens_per_hour), 'num'),
        element('td', top),
        element('td', fmtInt(session.new_followers), 'num'),
      );
      return row;
    }),
  );
}
