/** Fetch one room's analytics for a range (fixed, or "auto": fitted to the data) and draw them. */
import type { ApiClient, SessionRow, Series, Summary, Tipper } from './api';
import { tippersChart, tipsChart, tokensChart } from './charts';
import { BUCKET_SECONDS, earliestActivity, fitPlan, fixedPlan, PROBE, sameAsProbe, type Plan } from './extent';
import { browserZone, fmtBucket } from './format';
import { renderCards, renderSessions, renderWindow } from './render';

type Sessions = { sessions: SessionRow[] };

export interface Loaded {
  plan: Plan;
  window: Record<string, string>; // from/to/tz, as sent (the CSV export reuses it)
}

const query = (plan: Plan, zone: string): Record<string, string> => ({
  from: String(plan.from),
  to: String(plan.to),
  tz: zone,
});

const series = (api: ApiClient, room: string, window: Record<string, string>, metric: string, interval: string) =>
  api.analytics<Series>(room, 'timeseries', { ...window, metric, interval });

/** "auto": look at the last 7 days hourly, then fit the window to where the data starts. */
async function autoPlan(api: ApiClient, room: string, zone: string, now: number) {
  const probe = fixedPlan('7d', now);
  const window = query(probe, zone);
  const [tokens, chat, sessions] = await Promise.all([
    series(api, room, window, 'tokens', PROBE.interval),
    series(api, room, window, 'chat', PROBE.interval),
    api.analytics<Sessions>(room, 'sessions', { ...window, limit: '20' }),
  ]);
  const starts = sessions.sessions.map((session) => Date.parse(session.start) / 1000);
  const plan = fitPlan(earliestActivity([tokens.points, chat.points], starts, BUCKET_SECONDS[PROBE.interval]), now);
  return sameAsProbe(plan, now) ? { plan, tokens, sessions } : { plan };
}

export async function loadRoom(api: ApiClient, room: string, rangeKey: string): Promise<Loaded> {
  const zone = browserZone();
  const now = Math.floor(Date.now() / 1000);
  const probed = rangeKey === 'auto' ? await autoPlan(api, room, zone, now) : { plan: fixedPlan(rangeKey, now) };
  const { plan } = probed;
  const window = query(plan, zone);
  const [summary, tokens, tips, top, sessions] = await Promise.all([
    api.analytics<Summary>(room, 'summary', window),
    probed.tokens ?? series(api, room, window, 'tokens', plan.interval),
    series(api, room, window, 'tips', plan.interval),
    api.analytics<{ tippers: Tipper[] }>(room, 'top-tippers', { ...window, limit: '10' }),
    probed.sessions ?? api.analytics<Sessions>(room, 'sessions', { ...window, limit: '20' }),
  ]);
  const labels = tokens.points.map((p) => fmtBucket(p.ts, plan.interval, zone));
  renderCards(summary);
  renderWindow(summary, zone, plan.interval);
  tokensChart(
    labels,
    tokens.points.map((p) => p.value),
  );
  tipsChart(
    labels,
    tips.points.map((p) => p.value),
  );
  tippersChart(
    top.tippers.map((t) => t.username),
    top.tippers.map((t) => t.tokens),
  );
  renderSessions(sessions.sessions, zone);
  return { plan, window };
}
