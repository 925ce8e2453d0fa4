/**
 * The live counter: socket.io-client to the hub's /hub namespace, subscribed to one room.
 * Counts and stream positions live per room (stream.ts), so "Show" again, a reconnect or a
 * page reload keeps counting; a lost history reloads the numbers over REST (`onReload`).
 */
import { io, type Socket } from 'socket.io-client';
import { RoomStream, type FrameItem, type Outcome, type SubscribeAck } from './stream';

interface Watch {
  socket: Socket;
  token: string;
  stream: RoomStream;
}

let watch: Watch | null = null;

const box = (): HTMLElement => document.getElementById('live') as HTMLElement;

function text(id: string, value: string): void {
  (document.getElementById(id) as HTMLElement).textContent = value;
}

function sinceLabel(ms: number): string {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
}

function render(stream: RoomStream, note?: string): void {
  const { events, tokens, sinceMs, lastTip } = stream.counters;
  text('live-count', String(events));
  text('live-tokens', String(tokens));
  text('live-since', `since ${sinceLabel(sinceMs)}`);
  if (note !== undefined) text('live-last', note);
  else if (lastTip) text('live-last', `· ${lastTip}`);
  box().dataset.events = String(events);
}

function outcomeNote(outcome: Outcome): string | undefined {
  switch (outcome.kind) {
    case 'recovered':
      return outcome.replayed ? `· caught up, ${outcome.replayed} missed events restored` : undefined;
    case 'reload':
      return outcome.reason === 'replay_cap' ? '· too much missed to replay: numbers reloaded' : '· history reloaded';
    case 'refused':
      return `· ${outcome.message}`;
    default:
      return undefined;
  }
}

function subscribe(current: Watch, onReload: () => void): void {
  const { socket, stream } = current;
  socket.emit('subscribe', stream.subscribeRequest(), (ack: SubscribeAck) => {
    if (watch !== current) return; // a newer room took over meanwhile
    const outcome = stream.onAck(ack ?? { ok: false, message: 'no answer' });
    if (outcome.kind === 'retry') {
      subscribe(current, onReload);
      return;
    }
    box().dataset.status = outcome.kind === 'refused' ? 'off' : 'on';
    box().dataset.outcome = outcome.kind;
    render(stream, outcomeNote(outcome));
    if (outcome.kind === 'reload') onReload();
  });
}

function frames(current: Watch, items: FrameItem[]): void {
  const mine = items.filter((item) => !item.event?.broadcaster || item.event.broadcaster === current.stream.room);
  if (current.stream.onFrames(mine)) render(current.stream);
}

export function stopLive(): void {
  watch?.socket.disconnect();
  watch = null;
  box().hidden = true;
}

/** Watch `broadcaster`; watching the same room with the same token again changes nothing. */
export function startLive(token: string, broadcaster: string, onReload: () => void): void {
  if (watch && watch.token === token && watch.stream.room === broadcaster) return;
  stopLive();
  const socket = io('/hub', { transports: ['websocket'], auth: { token }, query: { broadcaster } });
  const current: Watch = { socket, token, stream: new RoomStream(broadcaster, sessionStorage) };
  watch = current;
  box().hidden = false;
  box().dataset.status = 'connecting';
  render(current.stream, '');
  socket.on('connect', () => subscribe(current, onReload));
  socket.on('disconnect', () => {
    box().dataset.status = 'off';
  });
  socket.on('connect_error', () => {
    box().dataset.status = 'off';
  });
  socket.on('event', (message: FrameItem) => frames(current, [message]));
  socket.on('events', (message: { items?: FrameItem[] }) => frames(current, message.items ?? []));
}
