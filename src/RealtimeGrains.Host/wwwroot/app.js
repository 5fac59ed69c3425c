// The sample page: a session over the SignalR hub (audio through the server) or over WebRTC (audio straight to the
// model service, the session grain on the call's sideband), microphone up, speaker down, live transcript, tool calls,
// resume after reload (session id and mode in localStorage; the host's /sample/token mints a token for the session).
import { AudioPipeline, base64FromPcm } from "./audio.js";
import { WebRtcCall } from "./webrtc.js";
import { marks } from "./level.js";

const $ = (id) => document.getElementById(id);
const SESSION_KEY = "realtimegrains.sessionId";
const MODE_KEY = "realtimegrains.mode";
const audio = new AudioPipeline();
const items = new Map(); // item id -> <li>
let connection = null;
let call = null;
let resumeToken = null;
let micSubject = null;
let positionTimer = null;
window.realtimeGrains = { audio, events: [], call: null, marks };

const mode = () => $("mode").value;
$("mode").value = localStorage.getItem(MODE_KEY) === "webrtc" ? "webrtc" : "signalr";
$("mode").addEventListener("change", () => localStorage.setItem(MODE_KEY, mode()));

function setStatus(text, state = "idle") {
  $("status").textContent = text;
  $("status").dataset.state = state;
}

function line(itemId, role) {
  let li = items.get(itemId);
  if (!li) {
    li = document.createElement("li");
    li.className = role;
    li.dataset.itemId = itemId;
    items.set(itemId, li);
    $("transcript").append(li);
  }
  return li;
}

function showItem(item) {
  if (item.type === "function_call") {
    showTool(item.name, item.arguments, item.call_id);
    return;
  }
  if (item.type === "function_call_output") {
    showTool("→ output", item.output, item.call_id, ":output");
    return;
  }
  if (item.type !== "message" || item.role === "system") return;
  const text = (item.content ?? []).map((c) => c.text ?? c.transcript ?? "").join(" ").trim();
  if (text) line(item.id, item.role).textContent = text;
  else if (item.role === "user") line(item.id, "user").textContent = "…";
}

// One line per call (and one per output), updated as the call's arguments and result arrive.
function showTool(name, args, callId, suffix = "") {
  const key = `${callId ?? ""}${suffix}`;
  let li = callId ? [...$("tools").children].find((e) => e.dataset.key === key) : null;
  if (!li) {
    li = document.createElement("li");
    li.dataset.key = key;
    $("tools").append(li);
  }
  if (args || !li.textContent) li.textContent = `${name} ${args ?? ""}`;
}

function onServerEvent(json) {
  const evt = JSON.parse(json);
  window.realtimeGrains.events.push(evt.type);
  switch (evt.type) {
    case "conversation.item.added":
    case "conversation.item.done":
      showItem(evt.item);
      break;
    case "conversation.item.input_audio_transcription.completed":
      line(evt.item_id, "user").textContent = evt.transcript;
      break;
    case "response.output_audio_transcript.delta":
    case "response.output_text.delta": {
      const li = line(evt.item_id, "assistant");
      li.textContent = (li.dataset.partial ?? "") + evt.delta;
      li.dataset.partial = li.textContent;
      break;
    }
    case "response.output_audio_transcript.done":
    case "response.output_text.done":
      line(evt.item_id, "assistant").textContent = evt.transcript ?? evt.text;
      break;
    case "response.output_audio.delta":
      audio.play(evt.item_id, evt.delta);
      break;
    case "response.function_call_arguments.done":
      showTool(evt.name ?? "function", evt.arguments, evt.call_id);
      break;
    case "output_audio_buffer.cleared":
      // WebRTC barge-in: the service stopped the reply's audio and truncated it where the user stopped hearing it.
      call?.markCleared();
      break;
    case "session.updated":
      break;
    case "error":
      setStatus(`Error: ${evt.error?.message ?? "unknown"}`, "error");
      break;
  }
}

// Barge-in: the session grain saw speech while the assistant spoke; it cancels and truncates at the position this
// page reported, and tells every attached client to stop playing now.
function onFlush(itemId) {
  const stopped = audio.flush();
  window.realtimeGrains.events.push(`flush:${itemId ?? stopped?.itemId ?? ""}`);
}

async function mintToken(sessionId) {
  const response = await fetch("/sample/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(sessionId ? { session_id: sessionId } : {}),
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status}`);
  return response.json();
}

async function attach(token) {
  const result = await connection.invoke("Attach", token);
  resumeToken = result.resumeToken;
  localStorage.setItem(SESSION_KEY, result.sessionId);
  $("session").textContent = result.sessionId;
  return result;
}

async function connect() {
  if (connection || call) return;
  $("mode").disabled = true;
  if (mode() === "webrtc") return connectWebRtc();
  const stored = localStorage.getItem(SESSION_KEY);
  const minted = await mintToken(stored);
  connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/realtime")
    .withAutomaticReconnect()
    .build();
  connection.on("serverEvent", onServerEvent);
  connection.on("flush", onFlush);
  connection.on("sessionClosed", (reason) => setStatus(`Session closed: ${reason}`, "error"));
  // The session moved to another server (a silo stopped or died): attach again on this connection with the resume token.
  connection.on("sessionMoved", async (reason) => {
    setStatus(`Reconnecting: ${reason}`);
    $("transcript").replaceChildren();
    items.clear();
    await attach(resumeToken);
    setStatus("Connected", "live");
  });
  connection.onreconnecting(() => setStatus("Reconnecting…"));
  connection.onreconnected(async () => {
    // A reconnect is a new SignalR connection: re-attach to the same session with the resume token.
    $("transcript").replaceChildren();
    items.clear();
    await attach(resumeToken);
    setStatus("Connected", "live");
  });
  await connection.start();
  await attach(minted.client_secret.value);
  setStatus("Connected", "live");
  positionTimer = setInterval(() => {
    const position = audio.playedPosition();
    if (position && connection?.state === "Connected") {
      connection.invoke("ReportPlayback", position.itemId, position.playedMs).catch(() => {});
    }
  }, 250);
}

// WebRTC: the page posts its SDP offer with the client token; the gateway answers with the service's SDP answer.
async function connectWebRtc() {
  const minted = await mintToken(localStorage.getItem(SESSION_KEY));
  const next = new WebRtcCall({
    onEvent: onServerEvent,
    onState: (state) => {
      if (state === "failed" || state === "disconnected") setStatus(`Call ${state}`, "error");
    },
    onEnded: () => recall(next),
  });
  window.realtimeGrains.call = next;
  try {
    await next.connect(minted.client_secret.value);
  } catch (err) {
    window.realtimeGrains.call = null;
    $("mode").disabled = false;
    throw err;
  }
  call = next;
  localStorage.setItem(SESSION_KEY, minted.session_id);
  $("session").textContent = minted.session_id;
  setStatus("Connected (WebRTC)", "live");
}

// The service ended the call (its session time limit, a hang-up, a lost connection): the conversation lives on in the
// session grain, so a new call for the same session carries on where this one stopped (the grain replays it), with the
// microphone back on if it was. At most one new call per 10 seconds, so a service that keeps refusing is not hammered.
let lastRecall = 0;
async function recall(ended) {
  if (call !== ended) return;
  const wasTalking = Boolean(ended.micStream);
  ended.close();
  call = null;
  window.realtimeGrains.events.push("call:ended");
  const wait = Math.max(0, lastRecall + 10000 - Date.now());
  setStatus(wait > 0 ? "Call ended; calling again shortly…" : "Call ended; calling again…");
  await new Promise((resolve) => setTimeout(resolve, wait));
  lastRecall = Date.now();
  try {
    await connectWebRtc();
    if (wasTalking) await call.startMicrophone();
    window.realtimeGrains.events.push("call:resumed");
  } catch (err) {
    setStatus(`Error: ${err.message ?? err}`, "error");
  }
}

async function startTalking() {
  try {
    audio.ensureContext();
    await connect();
    if (call) {
      await call.startMicrophone();
      $("start").disabled = true;
      $("stop").disabled = false;
      setStatus("Listening (WebRTC)", "live");
      return;
    }
    micSubject = new signalR.Subject();
    connection.send("StreamAudio", micSubject);
    await audio.startMicrophone((pcm) => micSubject?.next(base64FromPcm(pcm)));
    $("start").disabled = true;
    $("stop").disabled = false;
    setStatus("Listening", "live");
  } catch (err) {
    setStatus(`Error: ${err.message ?? err}`, "error");
  }
}

function stopTalking() {
  call?.stopMicrophone();
  audio.stopMicrophone();
  micSubject?.complete();
  micSubject = null;
  $("start").disabled = false;
  $("stop").disabled = true;
  setStatus("Connected", "live");
}

async function newSession() {
  stopTalking();
  clearInterval(positionTimer);
  await connection?.stop();
  connection = null;
  call?.close();
  call = null;
  window.realtimeGrains.call = null;
  $("mode").disabled = false;
  localStorage.removeItem(SESSION_KEY);
  $("transcript").replaceChildren();
  $("tools").replaceChildren();
  items.clear();
  $("session").textContent = "none";
  setStatus("Idle");
}

$("start").addEventListener("click", startTalking);
$("stop").addEventListener("click", stopTalking);
$("new").addEventListener("click", newSession);
$("text-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const text = $("text").value.trim();
  if (!text) return;
  try {
    await connect();
    marks.firstAudioAt = 0;
    marks.sentAt = performance.now();
    if (call) {
      call.send({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text }] } });
      call.send({ type: "response.create" });
    } else {
      await connection.invoke("SendText", text);
    }
    $("text").value = "";
  } catch (err) {
    setStatus(`Error: ${err.message ?? err}`, "error");
  }
});

// Resume after a page reload: reattach to the stored session and show the conversation so far.
if (localStorage.getItem(SESSION_KEY)) {
  connect().catch((err) => setStatus(`Error: ${err.message ?? err}`, "error"));
}
