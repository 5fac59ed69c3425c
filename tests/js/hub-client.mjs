// Drives the gateway's SignalR hub with the real npm @microsoft/signalr client.
// Usage: node hub-client.mjs <scenario> <baseUrl> <token> [token2 | pcmFile]
// Prints one JSON object per line; the last line is {"ok":true,...} or {"ok":false,"error":...} (exit code 1).
import * as signalR from "@microsoft/signalr";
import { readFileSync } from "node:fs";

const [scenario, baseUrl, token, extra] = process.argv.slice(2);
const out = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");

function connect() {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${baseUrl}/hubs/realtime`, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
    .configureLogging(signalR.LogLevel.None)
    .build();
  const events = [];
  const waiters = [];
  const flushes = [];
  connection.on("flush", (itemId, audioEndMs) => { flushes.push({ itemId, audioEndMs }); events.push({ type: "#flush", itemId, audioEndMs }); for (const w of [...waiters]) { if (w.match({ type: "#flush" })) { waiters.splice(waiters.indexOf(w), 1); w.resolve({ itemId, audioEndMs }); } } });
  connection.on("serverEvent", (json) => {
    const evt = JSON.parse(json);
    events.push(evt);
    for (const w of [...waiters]) {
      if (w.match(evt)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(evt); }
    }
  });
  // Resolves with the first event (already seen or future) that matches.
  const waitFor = (match, label, ms = 15000) => {
    const seen = events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${label}; saw ${events.map((e) => e.type).join(",")}`)), ms);
      waiters.push({ match, resolve: (e) => { clearTimeout(timer); resolve(e); } });
    });
  };
  const type = (t) => (e) => e.type === t;
  return { connection, events, waitFor, type };
}

async function textTurn(client, text) {
  await client.connection.invoke("SendText", text);
  const done = await client.waitFor((e) => e.type === "response.output_audio_transcript.done" && e.transcript.includes(text), "transcript");
  return done.transcript;
}

async function run() {
  switch (scenario) {
    case "refused": {
      // The upstream refuses the session: the client gets an error event, then sessionClosed — never silence.
      const c = connect();
      const closed = new Promise((resolve) => c.connection.on("sessionClosed", (reason) => resolve(reason)));
      await c.connection.start();
      await c.connection.invoke("Attach", token);
      const error = await c.waitFor(c.type("error"), "error");
      const reason = await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error("no sessionClosed")), 15000))]);
      await c.connection.stop();
      return { code: error.error.code, message: error.error.message, closedReason: reason };
    }
    case "text": {
      const c = connect();
      await c.connection.start();
      const attach = await c.connection.invoke("Attach", token);
      const created = await c.waitFor(c.type("session.created"), "session.created");
      const transcript = await textTurn(c, "hello hub");
      const audio = c.events.filter((e) => e.type === "response.output_audio.delta").length;
      await c.connection.stop();
      return { sessionId: attach.sessionId, createdId: created.session.id, transcript, audioDeltas: audio, resumeToken: attach.resumeToken.length > 0 };
    }
    case "two-clients": {
      const a = connect();
      const b = connect();
      await a.connection.start();
      await b.connection.start();
      const attachA = await a.connection.invoke("Attach", token);
      const attachB = await b.connection.invoke("Attach", extra);
      await b.waitFor(b.type("session.created"), "b session.created");
      const transcriptA = await textTurn(a, "shared with both");
      const seenByB = await b.waitFor((e) => e.type === "response.output_audio_transcript.done", "b transcript");
      await a.connection.stop();
      await b.connection.stop();
      return { sameSession: attachA.sessionId === attachB.sessionId, transcriptA, transcriptB: seenByB.transcript };
    }
    case "resume": {
      const first = connect();
      await first.connection.start();
      const attach = await first.connection.invoke("Attach", token);
      await textTurn(first, "remember the harbour");
      await first.connection.stop();
      const second = connect();
      await second.connection.start();
      const again = await second.connection.invoke("Attach", attach.resumeToken);
      const item = await second.waitFor((e) => e.type === "conversation.item.added" && JSON.stringify(e.item).includes("remember the harbour"), "replayed item");
      let replayError = null;
      const third = connect();
      await third.connection.start();
      try { await third.connection.invoke("Attach", attach.resumeToken); } catch (err) { replayError = String(err.message); }
      await third.connection.stop();
      await second.connection.stop();
      return { sameSession: again.sessionId === attach.sessionId, replayedItemRole: item.item.role, replayError };
    }
    case "audio": {
      const c = connect();
      await c.connection.start();
      await c.connection.invoke("Attach", token);
      await c.waitFor(c.type("session.created"), "session.created"); // the session config came with the token; audio sent before the upstream is ready waits for it
      const pcm = readFileSync(extra);
      const subject = new signalR.Subject();
      const streaming = c.connection.send("StreamAudio", subject);
      await streaming;
      for (let offset = 0; offset < pcm.length; offset += 4800) {
        subject.next(pcm.subarray(offset, Math.min(offset + 4800, pcm.length)).toString("base64"));
      }
      subject.next("%%% not base64 %%%");
      const badChunk = await c.waitFor(c.type("error"), "error for bad chunk");
      const heard = await c.waitFor(c.type("conversation.item.input_audio_transcription.completed"), "input transcription");
      const reply = await c.waitFor(c.type("response.output_audio_transcript.done"), "reply transcript");
      subject.complete();
      await c.connection.stop();
      return { heard: heard.transcript, reply: reply.transcript, badChunkCode: badChunk.error.code };
    }
    case "bad-input": {
      const offender = connect();
      const bystander = connect();
      await offender.connection.start();
      await bystander.connection.start();
      await offender.connection.invoke("Attach", token);
      await bystander.connection.invoke("Attach", extra);
      let malformed = null;
      try { await offender.connection.invoke("SendEvent", "{not json"); } catch (err) { malformed = String(err.message); }
      let oversizedClosed = null;
      const closed = new Promise((resolve) => offender.connection.onclose((err) => resolve(String(err?.message ?? "closed"))));
      offender.connection.invoke("SendText", "x".repeat(400 * 1024)).catch(() => {});
      oversizedClosed = await closed;
      const transcript = await textTurn(bystander, "bystander still talking");
      await bystander.connection.stop();
      return { malformed, oversizedClosed, transcript, bystanderErrors: bystander.events.filter((e) => e.type === "error").length };
    }
    case "barge-in": {
      const a = connect();
      const b = connect();
      await a.connection.start();
      await b.connection.start();
      await a.connection.invoke("Attach", token);
      await b.connection.invoke("Attach", extra);
      await a.connection.invoke("SendText", "tell me a rather long story about the sea");
      const delta = await a.waitFor(a.type("response.output_audio.delta"), "first audio delta");
      await a.waitFor(a.type("response.done"), "response.done");
      await a.connection.invoke("ReportPlayback", delta.item_id, 700);
      await a.connection.invoke("Interrupt", null);
      const flushA = await a.waitFor(a.type("#flush"), "flush on a");
      const flushB = await b.waitFor(b.type("#flush"), "flush on b");
      const truncated = await a.waitFor(a.type("conversation.item.truncated"), "conversation.item.truncated");
      await a.connection.stop();
      await b.connection.stop();
      return { itemId: delta.item_id, flushA, flushB, truncatedItem: truncated.item_id, truncatedAt: truncated.audio_end_ms };
    }
    case "unauthorized": {
      const c = connect();
      await c.connection.start();
      let error = null;
      try { await c.connection.invoke("Attach", token); } catch (err) { error = String(err.message); }
      let notAttached = null;
      try { await c.connection.invoke("SendText", "hi"); } catch (err) { notAttached = String(err.message); }
      await c.connection.stop();
      return { error, notAttached };
    }
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

const watchdog = setTimeout(() => { out({ ok: false, error: "scenario deadline (40 s) passed" }); process.exit(1); }, 40000);
run().then(
  (result) => { clearTimeout(watchdog); out({ ok: true, ...result }); process.exit(0); },
  (err) => { clearTimeout(watchdog); out({ ok: false, error: String(err?.stack ?? err) }); process.exit(1); },
);
