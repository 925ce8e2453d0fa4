/** Dashboard entry: sign in with a token, pick a room and a range, draw the analytics. */
import './style.css';
import { ApiClient, ApiError, type Me } from './api';
import { setupExport } from './csv';
import { startLive, stopLive } from './live';
import { loadRoom } from './load';
import { clearNumbers } from './render';
import { clearToken, currentToken, readHash, saveToken } from './token';

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
  document.body.dataset.state = 'login';
  showError(message);
}

/** The previous room's numbers go; the error takes their place. */
function showRoomError(room: string, error: unknown): void {
  stopLive();
  clearNumbers();
  $('main').hidden = true;
  document.body.dataset.state = 'error';
  if (error instanceof ApiError && error.status === 404) {
    showError(
      `No analytics for “${room}”: it is not linked to this account, and you are not a member of its owner's account.`,
    );
  } else {
    showError(
      error instanceof ApiError ? error.message : 'Loading the analytics failed; the server cannot be reached.',
    );
  }
}

function roomRefresher(api: ApiClient, me: Me, token: string): () => Promise<void> {
  const input = $<HTMLInputElement>('broadcaster');
  const refresh = async (): Promise<void> => {
    const room = input.value.trim().toLowerCase();
    showError('');
    document.body.dataset.state = 'loading';
    try {
      const { window } = await loadRoom(api, room, $<HTMLSelectElement>('range').value);
      setupExport(api, me, room, window);
      $('main').hidden = false;
      startLive(token, room, () => {
        if (input.value.trim().toLowerCase() === room) void refresh(); // the history was lost: reload
      });
      document.body.dataset.state = 'ready';
    } catch (error) {
      showRoomError(room, error);
    }
  };
  return refresh;
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
  $('controls').hidden = false; // only once the server accepted the token
  const input = $<HTMLInputElement>('broadcaster');
  input.value = room ?? me.account.broadcasters[0] ?? '';
  const refresh = roomRefresher(api, me, token);
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
