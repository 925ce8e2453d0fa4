/** Dashboard entry: sign in with a token, pick a room and a range, draw the analytics. */
import './style.css';
import { ApiClient, ApiError, type Me, type SessionRow, type Series, type Summary, type Tipper } from './api';
import { tippersChart, tipsChart, tokensChart } from './charts';
import { browserZone, fmtBucket } from './format';
import { startLive, stopLive } from './live';
import { renderCards, renderSessions, renderWindow } from './render';
import { clearToken, currentToken, readHash, saveToken } from './token';

const RANGES: Record<string, { seconds: number; interval: string }> = {
  '24h': { seconds: 86_400, interval: '1h' },
  '7d': { seconds: 7 * 86_400, interval: '1h' },
  '30d': { seconds: 30 * 86_400, interval: '1d' },
  '90d': { seconds: 90 * 86_400, interval: '1d' },
};

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function showError(message: string): void {
  const box = $('error');
  box.textContent = message;
  box.hidden = !message;
}

function showLogin(message = ''): void {
  stopLive();
  $('login').hidden = false;
  $('main').hidden = true;
  $('controls').hidden = true;
  $('live').hidden = true;
  document.body.dataset.state = 'login';
  showError(message);
}

async function load(api: ApiClient, token: string, broadcaster: string, rangeKey: string): Promise<void> {
  const range = RANGES[rangeKey] ?? { seconds: 7 * 86_400, interval: '1h' };
  const zone = browserZone();
  const now = Math.floor(Date.now() / 1000);
  const window = { from: String(now - range.seconds), to: String(now + 60), tz: zone };
  document.body.dataset.state = 'loading';
  const [summary, tokens, tips, top, sessions] = await Promise.all([
    api.analytics<Summary>(broadcaster, 'summary', window),
    api.analytics<Series>(broadcaster, 'timeseries', { ...window, metric: 'tokens', interval: range.interval }),
    api.analytics<Series>(broadcaster, 'timeseries', { ...window, metric: 'tips', interval: range.interval }),
    api.analytics<{ tippers: Tipper[] }>(broadcaster, 'top-tippers', { ...window, limit: '10' }),
    api.analytics<{ sessions: SessionRow[] }>(broadcaster, 'sessions', { ...window, limit: '20' }),
  ]);
  const labels = tokens.points.map((p) => fmtBucket(p.ts, range.interval, zone));
  renderCards(summary);
  renderWindow(summary, zone);
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
  $('main').hidden = false;
  startLive(token, broadcaster);
  document.body.dataset.state = 'ready';
}

async function open(token: string, room: string | null): Promise<void> {
  const api = new ApiClient(token);
  let me: Me;
  try {
    me = await api.get<Me>('me');
  } catch (error) {
    clearToken();
    showLogin(error instanceof ApiError ? `Sign-in failed: ${error.message}` : 'The server cannot be reached.');
    return;
  }
  $('login').hidden = true;
  $('controls').hidden = false;
  const input = $<HTMLInputElement>('broadcaster');
  input.value = room ?? me.account.broadcasters[0] ?? '';
  const refresh = async (): Promise<void> => {
    showError('');
    try {
      await load(api, token, input.value.trim(), $<HTMLSelectElement>('range').value);
    } catch (error) {
      document.body.dataset.state = 'error';
      showError(error instanceof ApiError ? error.message : 'Loading the analytics failed.');
    }
  };
  $('controls').onsubmit = (event) => {
    event.preventDefault();
    void refresh();
  };
  $('logout').onclick = () => {
    clearToken();
    showLogin();
  };
  if (input.value) await refresh();
  else showError('Link a room to your account (or enter one you are a member of) to see its analytics.');
}

$('login-form').onsubmit = (event) => {
  event.preventDefault();
  const token = $<HTMLTextAreaElement>('token').value.trim();
  if (!token) return;
  saveToken(token);
  void open(token, null);
};

const initial = readHash(); // before currentToken() strips the token from the address bar
const token = currentToken();
if (token) void open(token, initial.broadcaster);
else showLogin();
