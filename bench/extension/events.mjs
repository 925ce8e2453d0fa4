// make bench-extension: simulator-like events (server/ingest/simulator.py's mix, seeded) and their publisher over the hub.
import { io, opts, SERVER, sleep } from './config.mjs';

const CHAT = {
  en: ['hi gorgeous!', 'you look amazing today', "what's the goal tonight?", 'lol that was funny', 'can you say hi to me?',
    'love the new hair', 'brb grabbing a drink', 'good evening from Texas'],
  es: ['hola guapa!', 'que linda estas hoy', 'saludos desde Madrid', 'me encanta tu sonrisa'],
  de: ['hallo schöne frau', 'grüße aus Berlin', 'wie geht es dir heute?', 'du bist toll'],
  fr: ['coucou toi', 'tu es magnifique ce soir', 'bonsoir de Paris', "j'adore ton show"],
  pt: ['oi linda', 'boa noite do Brasil', 'você é demais'],
  ru: ['привет красавица', 'как дела?', 'ты супер'],
  ja: ['こんばんは！', 'かわいいですね', '日本から来ました'],
  it: ['ciao bella', 'saluti da Roma', 'sei bellissima'],
};
const LANGUAGE_WEIGHTS = { en: 45, es: 15, de: 10, fr: 8, pt: 7, ru: 6, ja: 4, it: 5 };
const NAMES = ['tipking', 'lurker_42', 'bigspender', 'max_power', 'juan_madrid', 'klaus_b', 'pierre75', 'joao_rio',
  'ivan_msk', 'kenji_t', 'marco_roma', 'nightowl', 'sweetpea', 'anon_user'];
const TIP_NOTES = ['', '', '', 'for the goal!', "you're the best", 'PM me', '🔥🔥🔥'];
const MIX = { chatMessage: 55, tip: 12, userEnter: 10, userLeave: 8, follow: 5, privateMessage: 3, fanclubJoin: 1, mediaPurchase: 1, unfollow: 1 };

/** mulberry32, with weighted and uniform picks. */
function seeded(seed) {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (weights) => {
    const entries = Object.entries(weights);
    let r = random() * entries.reduce((n, [, w]) => n + w, 0);
    for (const [k, w] of entries) if ((r -= w) < 0) return k;
    return entries.at(-1)[0];
  };
  const choice = (list) => list[Math.floor(random() * list.length)];
  return { random, pick, choice };
}

/** The simulator's mix (seeded): both the panel and the peer phase get the same events. */
export function eventSource(room, prefix, seed = 42) {
  const { random, pick, choice } = seeded(seed);
  const languages = Object.fromEntries(NAMES.map((n) => [n, pick(LANGUAGE_WEIGHTS)]));
  let n = 0;
  return () => {
    const method = pick(MIX);
    const name = choice(NAMES);
    const event = {
      id: `${prefix}-${String(++n).padStart(7, '0')}`, broadcaster: room, method, ts: Date.now() / 1000,
      user: { username: name, inFanclub: random() < 0.1, gender: 'm', hasTokens: true, recentTips: 'some', isMod: false, language: languages[name] },
    };
    if (method === 'tip') {
      const tokens = Math.max(1, Math.min(10_000, Math.floor((5 * 1) / Math.pow(1 - random(), 1 / 1.2))));
      event.tip = { tokens, isAnon: random() < 0.05, message: choice(TIP_NOTES) };
    } else if (method === 'chatMessage' || method === 'privateMessage') {
      event.message = { message: choice(CHAT[languages[name]]), color: '#494949', font: 'default' };
      if (method === 'privateMessage') Object.assign(event.message, { fromUser: name, toUser: room });
    } else if (method === 'mediaPurchase') {
      event.media = { id: 1 + Math.floor(random() * 20), name: 'Photo set', type: 'photos', tokens: choice([25, 50, 100]) };
    }
    return event;
  };
}

/** The simulator's languages other than English, with its weights: every line needs translating into English. */
export const FOREIGN_WEIGHTS = Object.fromEntries(Object.entries(LANGUAGE_WEIGHTS).filter(([l]) => l !== 'en'));

/**
 * Chat only, every line foreign: a language by the simulator's weights (English left out), one of
 * the simulator's lines in it, made unique with a running number (no cache, on the server or on the
 * device, answers a line it has seen), sent by one of 20 viewers of that language (user.language set).
 */
export function foreignChatSource(room, prefix, seed = 7) {
  const { random, pick, choice } = seeded(seed);
  let n = 0;
  return () => {
    const language = pick(FOREIGN_WEIGHTS);
    const username = `${language}_viewer_${Math.floor(random() * 20)}`;
    n += 1;
    return {
      id: `${prefix}-${String(n).padStart(7, '0')}`, broadcaster: room, method: 'chatMessage', ts: Date.now() / 1000,
      user: { username, inFanclub: false, gender: 'm', hasTokens: true, recentTips: 'none', isMod: false, language },
      message: { message: `${choice(CHAT[language])} ${n}`, color: '#494949', font: 'default' },
    };
  };
}

/** Publishes `rate` events/s over the hub (a small batch every 10 ms, paced on the clock). */
export async function startPublisher(token, prefix, source = eventSource) {
  const socket = io(`${SERVER}/hub`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  await new Promise((ok, fail) => {
    socket.once('connect', ok);
    socket.once('connect_error', (e) => fail(new Error(`publisher connect_error ${JSON.stringify(e.data ?? e.message)}`)));
  });
  const next = source(opts.room, prefix);
  const stats = { sent: 0, accepted: 0, refused: 0, acks: 0, firstError: null, sentAt: new Map(), t0: 0, t1: 0, epoch0: 0, hubLags: [] };
  // the publisher also subscribes: the lag of the hub itself, next to the pages' lag
  const subscribed = await new Promise((ok) => socket.timeout(10_000).emit('subscribe', { broadcaster: opts.room }, (err, ack) => ok(!err && ack?.ok)));
  if (!subscribed) throw new Error('publisher could not subscribe to the room');
  const heard = (message) => {
    const now = Date.now();
    stats.hubLags.push(now, now - message.event.ts * 1000);
  };
  socket.on('event', heard); // one event; several published together come as one `events` frame
  socket.on('events', (frame) => frame.items.forEach(heard));
  let timer = null;
  let finished = null;
  return {
    stats,
    /** Publish for `seconds` on its own clock; resolves when the last ack is in (or 5 s later). */
    run(seconds) {
      stats.t0 = performance.now();
      stats.epoch0 = Date.now();
      let batches = 0;
      timer = setInterval(() => {
        const elapsed = Math.min(seconds, (performance.now() - stats.t0) / 1000);
        const due = Math.floor(elapsed * opts.rate) - stats.sent;
        if (due > 0) {
          const batch = Array.from({ length: due }, next);
          const now = Date.now();
          for (const e of batch) stats.sentAt.set(e.id, now);
          stats.sent += due;
          batches += 1;
          socket.emit('publish', batch, (ack) => {
            stats.acks += 1;
            stats.accepted += ack?.accepted ?? 0;
            if (ack?.errors?.length) {
              stats.refused += ack.errors.length;
              stats.firstError ??= ack.errors[0];
            }
          });
        }
        if (elapsed >= seconds) {
          clearInterval(timer);
          timer = null;
          stats.t1 = performance.now();
          finished = (async () => {
            for (let i = 0; i < 100 && stats.acks < batches; i++) await sleep(50);
          })();
        }
      }, 10);
    },
    done: async () => {
      while (!finished) await sleep(50);
      await finished;
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      socket.close();
    },
  };
}
