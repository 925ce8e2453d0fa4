/** Summary cards and the sessions table (textContent only: usernames are user input). */
import type { SessionRow, Summary } from './api';
import { fmtDec, fmtDuration, fmtInt, fmtWhen } from './format';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', className = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function renderCards(summary: Summary): void {
  const cards: Array<[string, string]> = [
    ['Tokens', fmtInt(summary.tokens)],
    ['Tips', fmtInt(summary.tips)],
    ['Unique tippers', fmtInt(summary.unique_tippers)],
    ['Average tip', fmtDec(summary.average_tip)],
    ['Peak viewers', fmtInt(summary.peak_viewers)],
    ['Average viewers', fmtDec(summary.average_viewers)],
    ['New followers', fmtInt(summary.follows)],
    ['Chat messages', fmtInt(summary.chat_messages)],
    ['Broadcast time', fmtDuration(summary.broadcast_seconds)],
  ];
  const box = document.getElementById('cards') as HTMLElement;
  box.replaceChildren(
    ...cards.map(([label, value]) => {
      const card = element('div', '', 'card');
      card.append(element('span', label, 'label'), element('strong', value, 'value'));
      return card;
    }),
  );
}

export function renderWindow(summary: Summary, zone: string): void {
  const text = `${fmtWhen(summary.from, zone)} → ${fmtWhen(summary.to, zone)} (${zone})`;
  const clamp = summary.clamped ? ` · history limited: ${summary.clamped.reason}` : '';
  (document.getElementById('window') as HTMLElement).textContent = text + clamp;
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
