// make bench-hub load client: M subscribers (websocket only) join a room, one publisher
// emits N 'publish' events with acks (a window of outstanding acks, or a fixed rate).
// Works against the project's /hub (auth tokens, {offset, event} messages) and against
// the bare peer server (no auth, raw events), so both are measured by the same client.
// Prints one JSON line.
"use strict";
const fs = require("fs");
const { io } = require("socket.io-client");
const { performance } = require("perf_hooks");

const now = () => (performance.timeOrigin + performance.now()) / 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function args(argv) {
  const a = { url: "", namespace: "/", subscribers: 1, events: 1000, rate: 0, window: 64,
    room: "bench_room", tokens: "", pubToken: "", hold: 0, serverPid: 0, duration: 90,
    urls: "" };  // urls: comma list (S5): subscribers round-robin, one publisher per server
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, "").replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (!(key in a)) { console.error(`unknown option ${argv[i]}`); process.exit(2); }
    a[key] = typeof a[key] === "number" ? Number(argv[i + 1]) : argv[i + 1];
  }
  return a;
}

function rssMb(pid) {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS"));
    return Math.round(parseInt(line.split(/\s+/)[1], 10) / 1024);
  } catch (e) { return null; }
}

function cpuS(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const p = s.slice(s.lastIndexOf(")") + 2).split(" ");
    return (parseInt(p[11], 10) + parseInt(p[12], 10)) / 100;
  } catch (e) { return null; }
}

const serverUrls = (a) => (a.urls ? a.urls.split(",") : [a.url]);

function connect(a, token, url) {
  return new Promise((resolve, reject) => {
    const s = io((url || a.url) + a.namespace, { transports: ["websocket"], forceNew: true, reconnection: false,
      auth: token ? { token } : undefined, perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error("connect timeout")), 20000);
    s.once("connect", () => { clearTimeout(timer); resolve(s); });
    s.once("connect_error", (e) => { clearTimeout(timer); reject(new Error(`connect_error ${JSON.stringify(e.data || e.message)}`)); });
  });
}

const ack = (s, ev, data) => new Promise((resolve, reject) =>
  s.timeout(20000).emit(ev, data, (err, resp) => (err ? reject(err) : resolve(resp))));

function makeEvent(i, room) {
  return { id: `evt-${String(i).padStart(8, "0")}-5f3c9a1e`, method: "tip", broadcaster: room,
    user: { username: ["bob", "carol", "dave", "erin"][i % 4], inFanclub: false, isMod: false, gender: "m" },
    tip: { tokens: 25 + (i % 7), message: "great show", isAnon: false }, ts: now() };
}

const pct = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.round((p / 100) * (sorted.length - 1)))] : null;

async function run(a) {
  const tokens = a.tokens ? fs.readFileSync(a.tokens, "utf8").split("\n").filter(Boolean) : [];
  const lat = [];
  let delivered = 0;
  const onEvent = (msg) => {
    const evt = msg && msg.event ? msg.event : msg;
    lat.push(now() - evt.ts);
    delivered++;
  };
  const subs = [];
  const t0 = now();
  let next = 0;
  const worker = async () => {
    while (next < a.subscribers) {
      const i = next++;
      const urls = serverUrls(a);
      const s = await connect(a, tokens.length ? tokens[Math.floor(i / 2) % tokens.length] : "", urls[i % urls.length]);
      subs.push(s);
      s.on("event", onEvent);
      s.on("events", (batch) => batch.items.forEach(onEvent)); // several events of one group
      const r = await ack(s, "subscribe", { broadcaster: a.room });
      if (!r || !r.ok) throw new Error(`subscribe refused: ${JSON.stringify(r)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(50, a.subscribers) }, worker));
  const res = { subscribers: a.subscribers, events: a.events, rate: a.rate, connect_s: +(now() - t0).toFixed(3) };
  if (a.serverPid) res.rss_mb_connected = rssMb(a.serverPid);
  const pubs = await Promise.all(serverUrls(a).map((url) => connect(a, a.pubToken, url)));
  await sleep(300);
  let sent = 0, acked = 0, nacked = 0, inflight = 0, firstNack = null;
  const cpu0 = a.serverPid ? cpuS(a.serverPid) : null;
  const p0 = now();
  await new Promise((done) => {
    const onAck = (r) => {
      inflight--;
      if (r && r.ok) acked++; else { nacked++; firstNack = firstNack || r; }
      if (a.rate === 0) pump();
      if (acked + nacked === a.events) done();
    };
    // one window per publisher: events go round-robin to the servers
    const sendOne = () => { inflight++; const i = sent++; pubs[i % pubs.length].emit("publish", makeEvent(i, a.room), onAck); };
    const pump = () => { while (sent < a.events && inflight < a.window * pubs.length) sendOne(); };
    if (a.rate === 0) pump();
    else {
      const tick = () => {
        while (sent < a.events && p0 + sent / a.rate <= now()) sendOne();
        if (sent < a.events) setTimeout(tick, Math.max(0, (p0 + sent / a.rate - now()) * 1000));
      };
      tick();
    }
    setTimeout(done, a.duration * 1000);
  });
  const pubS = now() - p0;
  const expected = sent * a.subscribers;
  let last = -1, lastT = now();
  while (delivered < expected && now() - lastT < 5) {
    if (delivered !== last) { last = delivered; lastT = now(); }
    await sleep(20);
  }
  const elapsed = now() - p0;
  lat.sort((x, y) => x - y);
  const ms = (v) => (v == null ? null : +(v * 1000).toFixed(2));
  Object.assign(res, { sent, acked, nacked, expected_deliveries: expected, delivered, lost: expected - delivered,
    pub_events_per_s: +(acked / pubS).toFixed(1), deliveries_per_s: +(delivered / elapsed).toFixed(1),
    lat_ms_p50: ms(pct(lat, 50)), lat_ms_p99: ms(pct(lat, 99)), lat_ms_max: ms(lat[lat.length - 1]) });
  if (a.serverPid) {
    res.server_cpu_pct = +((100 * (cpuS(a.serverPid) - cpu0)) / elapsed).toFixed(1);
    res.rss_mb_end = rssMb(a.serverPid);
  }
  if (firstNack) res.first_nack = firstNack;
  if (a.hold) await sleep(a.hold * 1000);
  for (const s of subs) s.close();
  for (const p of pubs) p.close();
  res.ok = delivered === expected && acked === sent;
  return res;
}

run(args(process.argv)).then(
  (r) => { console.log(JSON.stringify(r)); process.exit(r.ok ? 0 : 1); },
  (e) => { console.log(JSON.stringify({ ok: false, error: String(e.message || e).slice(0, 300) })); process.exit(1); },
);
