// SignalR path of the RealtimeGrains load generator: N voice sessions through the host's hub (/hubs/realtime) with the
// npm @microsoft/signalr client, the same conversation shape as the .NET load generator (tone-code speech, server VAD
// turns, barge-in, tool calls), one timer for all sessions. Started by `RealtimeGrains.LoadGen compare --paths …,signalr`;
// can run alone:
//   node driver.mjs --url http://127.0.0.1:5000 --server-credential S --audio audio.json --sessions 50 --hold 30
// Prints one JSON object per line: {"stage":…}, {"progress":…}, and last {"result":{…}} (PhaseResult field names).
import * as signalR from "@microsoft/signalr";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const num = (name, fallback) => (args[name] === undefined ? fallback : Number(args[name]));
const cfg = {
  url: args.url,
  credential: args["server-credential"],
  audio: args.audio,
  sessions: num("sessions", 10),
  rampUp: num("ramp-up", 5) * 1000,
  hold: num("hold", 10) * 1000,
  rampDown: num("ramp-down", 2) * 1000,
  bargeIn: num("barge-in", 10),
  tools: num("tools", 10),
  seed: num("seed", 7),
  fallBehindMs: num("fall-behind-ms", 250),
};
const out = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");
if (!cfg.url || !cfg.credential || !cfg.audio) {
  process.stderr.write("usage: node driver.mjs --url URL --server-credential S --audio FILE [--sessions N --ramp-up s --hold s --ramp-down s --barge-in % --tools % --seed n]\n");
  process.exit(2);
}
const host = new URL(cfg.url).hostname;
if (!["127.0.0.1", "localhost", "[::1]", "::1"].includes(host)) {
  process.stderr.write("--url must be a loopback address\n");
  process.exit(2);
}

// A stream item racing a closing connection rejects inside the client library: count it, never crash the run.
let stopping = false;
process.on("unhandledRejection", () => { if (!stopping) error("send_failed"); });

const audio = JSON.parse(readFileSync(cfg.audio, "utf8"));
const chunkMs = audio.chunkMs;
const SESSION_UPDATE = JSON.stringify({
  type: "session.update",
  session: {
    type: "realtime",
    audio: {
      input: { format: { type: "audio/pcm", rate: 24000 }, turn_detection: { type: "server_vad", threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 200, create_response: true, interrupt_response: true } },
      output: { format: { type: "audio/pcm", rate: 24000 } },
    },
    tools: [{ type: "function", name: "get_time", description: "The current time.", parameters: { type: "object", properties: {} } }],
    tool_choice: "auto",
  },
});

// Milliseconds histograms: values kept, percentiles by sorting (a Node run holds far fewer samples than the .NET one).
const hist = () => ({ v: [], add(x) { this.v.push(Math.max(0, x)); }, reset() { this.v = []; }, p(f) {
  if (this.v.length === 0) return 0;
  const s = [...this.v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * f) - 1))];
}, max() { return this.v.reduce((m, x) => Math.max(m, x), 0); } });
const stats = { connected: 0, errors: 0, codes: {}, turns: 0, bargeIns: 0, cancelled: 0, toolCalls: 0, deltas: 0,
  firstAudio: hist(), toolRt: hist(), jitter: hist(), late: hist() };
const error = (code) => { stats.errors++; stats.codes[code] = (stats.codes[code] ?? 0) + 1; };

function mulberry32(a) {
  return () => { a |= 0; a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

class Session {
  constructor(index) {
    this.rand = mulberry32(cfg.seed * 7919 + index);
    this.phase = "connecting";
    this.failed = false;
    this.maxLate = 0;
    this.turnsInWindow = 0;
    this.stream = null;
  }
  next(lo, hi) { return lo + Math.floor(this.rand() * (hi - lo)); }

  async run() {
    try {
      const minted = await fetch(`${cfg.url}/v1/realtime/sessions`, { method: "POST", headers: { "api-key": cfg.credential, "content-type": "application/json" }, body: "{}" });
      if (!minted.ok) throw new Error(`token ${minted.status}`);
      const token = (await minted.json()).client_secret.value;
      this.conn = new signalR.HubConnectionBuilder()
        .withUrl(`${cfg.url}/hubs/realtime`, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
        .configureLogging(signalR.LogLevel.None)
        .build();
      this.conn.serverTimeoutInMilliseconds = 60000;
      this.conn.on("serverEvent", (json) => this.onEvent(JSON.parse(json)));
      this.conn.onclose(() => { if (this.phase !== "closed") { error("closed_by_server"); this.failed = true; this.phase = "closed"; stats.connected--; } });
      await this.conn.start();
      await this.conn.invoke("Attach", token);
      stats.connected++;
      this.stream = new signalR.Subject();
      this.conn.send("StreamAudio", this.stream).catch(() => {});
      this.phase = "configuring";
      await this.conn.invoke("SendEvent", SESSION_UPDATE);
    } catch (e) {
      if (this.phase !== "closed") { error("connect_failed"); this.failed = true; this.phase = "closed"; }
    }
  }

  async stop() {
    const wasOpen = this.phase !== "closed";
    this.phase = "closed";
    try { await this.conn?.stop(); } catch { /* best effort */ }
    if (wasOpen && this.stream) stats.connected--;
  }

  onEvent(e) {
    const now = performance.now();
    switch (e.type) {
      case "session.updated":
        if (this.phase === "configuring") { this.phase = "idle"; this.nextChunkAt = now; this.nextUtteranceAt = now + this.next(100, 1500); }
        break;
      case "response.created":
        if (this.phase === "awaiting") this.replyOpen = true;
        this.firstDeltaAt = 0; this.lastDeltaAt = 0; this.audioMs = 0;
        break;
      case "response.output_audio.delta": case "response.audio.delta": {
        stats.deltas++;
        const ms = Math.floor(e.delta.length / 4) * 3 / 48;
        if (this.lastDeltaAt === 0) this.firstDeltaAt = now;
        else {
          stats.jitter.add(Math.abs(now - this.lastDeltaAt - this.lastDeltaMs));
          const late = now - this.firstDeltaAt - this.audioMs;
          stats.late.add(late);
          this.maxLate = Math.max(this.maxLate, late);
        }
        this.lastDeltaAt = now; this.lastDeltaMs = ms; this.audioMs += ms;
        if (this.phase === "awaiting" && this.replyOpen) {
          (this.toolTurn ? stats.toolRt : stats.firstAudio).add(now - this.endOfSpeechAt);
          this.phase = "listening";
        }
        break;
      }
      case "response.function_call_arguments.done":
        stats.toolCalls++;
        this.conn.invoke("SendEvent", JSON.stringify({ type: "conversation.item.create", item: { type: "function_call_output", call_id: e.call_id, output: "noon" } }))
          .then(() => this.conn.invoke("CreateResponse")).catch(() => error("tool_output_failed"));
        break;
      case "response.done":
        if (e.response?.status === "cancelled") stats.cancelled++;
        if (this.phase === "listening") { stats.turns++; this.turnsInWindow++; this.phase = "idle"; this.nextUtteranceAt = now + this.next(400, 1200); }
        break;
      case "error":
        error(e.error?.code ?? "error");
        break;
    }
  }

  startSpeaking() {
    const roll = this.next(0, 100);
    this.toolTurn = roll < cfg.tools;
    this.bargeInTurn = !this.toolTurn && roll < cfg.tools + cfg.bargeIn;
    this.bargeAfterMs = this.next(300, 900);
    this.utterance = this.toolTurn ? audio.tool : audio.utterances[this.next(0, audio.utterances.length)];
    this.index = 0;
    this.replyOpen = false;
    this.phase = "speaking";
  }

  pump(now) {
    if (!["idle", "speaking", "awaiting", "listening"].includes(this.phase) || now < this.nextChunkAt) return;
    this.nextChunkAt = now - this.nextChunkAt > 1000 ? now + chunkMs : this.nextChunkAt + chunkMs;
    if (this.phase === "idle" && now >= this.nextUtteranceAt) this.startSpeaking();
    else if (this.phase === "listening" && this.bargeInTurn && this.audioMs >= this.bargeAfterMs) { stats.bargeIns++; this.startSpeaking(); }
    else if (this.phase === "awaiting" && now - this.endOfSpeechAt > 15000) { error("no_reply"); this.phase = "idle"; this.nextUtteranceAt = now; }
    let chunk = audio.silence;
    if (this.phase === "speaking") {
      chunk = this.utterance[this.index++];
      if (this.index === this.utterance.length) { this.phase = "awaiting"; this.endOfSpeechAt = now; this.replyOpen = false; }
    }
    this.stream.next(chunk);
  }
}

const sessions = [];
const tick = setInterval(() => { const now = performance.now(); for (const s of sessions) s.pump(now); }, Math.max(2, Math.floor(chunkMs / 4)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const started = performance.now();
const progress = (stage) => out({ progress: { stage, started: sessions.length, connected: stats.connected, turns: stats.turns, p50: stats.firstAudio.p(0.5), p99: stats.firstAudio.p(0.99), errors: stats.errors, t: Math.round((performance.now() - started) / 1000) } });

out({ stage: "ramp-up" });
const runs = [];
for (let i = 0; i < cfg.sessions; i++) {
  const due = (cfg.rampUp * i) / cfg.sessions - (performance.now() - started);
  if (due > 0) await sleep(due);
  const s = new Session(i);
  sessions.push(s);
  runs.push(s.run());
}
await Promise.race([Promise.all(runs), sleep(45000)]);
const settle = performance.now();
while (sessions.some((s) => s.phase === "configuring") && performance.now() - settle < 15000) await sleep(100);
await sleep(2000);

for (const h of [stats.firstAudio, stats.toolRt, stats.jitter, stats.late]) h.reset();
stats.turns = 0; stats.bargeIns = 0; stats.cancelled = 0; stats.toolCalls = 0; stats.deltas = 0;
for (const s of sessions) { s.maxLate = 0; s.turnsInWindow = 0; }
out({ stage: "hold" });
const holdStart = performance.now();
const cpuAtHold = process.cpuUsage();
while (performance.now() - holdStart < cfg.hold) { await sleep(Math.min(5000, cfg.hold - (performance.now() - holdStart))); progress("hold"); }
out({ stage: "hold-end" });
stopping = true;
const wall = (performance.now() - holdStart) / 1000;
const result = {
  Path: "signalr", Sessions: cfg.sessions, HoldSeconds: cfg.hold / 1000, Connected: stats.connected,
  Sustained: sessions.filter((s) => !s.failed && s.turnsInWindow > 0 && s.maxLate <= cfg.fallBehindMs).length,
  Turns: stats.turns, BargeIns: stats.bargeIns, CancelledResponses: stats.cancelled, ToolCalls: stats.toolCalls, Errors: stats.errors,
  ErrorCodes: Object.entries(stats.codes).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k}×${v}`).join(", "),
  FirstAudioCount: stats.firstAudio.v.length, FirstAudioP50: stats.firstAudio.p(0.5), FirstAudioP95: stats.firstAudio.p(0.95), FirstAudioP99: stats.firstAudio.p(0.99),
  ToolRoundTripP50: stats.toolRt.p(0.5), ToolRoundTripP99: stats.toolRt.p(0.99), JitterP50: stats.jitter.p(0.5), JitterP99: stats.jitter.p(0.99),
  LatenessP99: stats.late.p(0.99), LatenessMax: stats.late.max(), InputLatenessP99: 0, AudioDeltas: stats.deltas,
  LoadGenCpuSeconds: ((cpu) => (cpu.user + cpu.system) / 1e6)(process.cpuUsage(cpuAtHold)), WallSeconds: wall,
};
for (let i = 0; i < sessions.length; i++) {
  const due = (cfg.rampDown * i) / sessions.length - (performance.now() - holdStart - wall * 1000);
  if (due > 0) await sleep(due);
  sessions[i].stop();
}
await sleep(500);
clearInterval(tick);
out({ stage: "done" });
out({ result });
process.exit(0);
