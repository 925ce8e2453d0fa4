/** The live counter: socket.io-client to the hub's /hub namespace, subscribed to one room. */
import { io, type Socket } from 'socket.io-client';
import type { ErrorAck, EventMessage, SubscribeAck } from './wire';

let socket: Socket | null = null;

function text(id: string, value: string): void {
  (document.getElementById(id) as HTMLElement).textContent = value;
}

export function stopLive(): void {
  socket?.disconnect();
  socket = null;
}

/** Connect, subscribe to `broadcaster` and count what arrives from now on. */
export function startLive(token: string, broadcaster: string): void {
  stopLive();
  const box = document.getElementById('live') as HTMLElement;
  box.hidden = false;
  box.dataset.status = 'connecting';
  let events = 0;
  let tokens = 0;
  text('live-count', '0');
  text('live-tokens', '0');
  socket = io('/hub', { transports: ['websocket'], auth: { token }, query: { broadcaster } });
  socket.on('connect', () => {
    socket?.emit('subscribe', { broadcaster }, (ack: SubscribeAck | ErrorAck) => {
      box.dataset.status = ack.ok ? 'on' : 'off';
      if (!ack.ok) text('live-last', ack.message || 'not allowed');
    });
  });
  socket.on('disconnect', () => {
    box.dataset.status = 'off';
  });
  socket.on('connect_error', () => {
    box.dataset.status = 'off';
  });
  socket.on('event', (message: EventMessage) => {
    events += 1;
    const tip = message.event.method === 'tip' ? (message.event.tip?.tokens ?? 0) : 0;
    tokens += tip;
    text('live-count', String(events));
    text('live-tokens', String(tokens));
    if (tip) text('live-last', `· ${message.event.user?.username ?? 'anonymous'} tipped ${tip}`);
    box.dataset.events = String(events);
  });
}
