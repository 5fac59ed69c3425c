// Conformance checks with the unmodified npm @openai/agents-realtime SDK: a RealtimeAgent with its own tool()s in a
// RealtimeSession over the SDK's WebSocket transport (Node `ws`, Authorization: Bearer, GA protocol).
// Usage: node agents-realtime.mjs <wsUrl> <key> <wrongKey>   e.g. ws://127.0.0.1:5000/v1/realtime?model=gpt-realtime
// The SDK takes any ws:// or wss:// url, so no TLS is needed here. Tools run in the SDK: it answers each call with a
// function_call_output and a response.create by itself.
import { RealtimeAgent, RealtimeSession, tool } from "@openai/agents-realtime";
import { z } from "zod";
import { readFileSync } from "node:fs";
import { LONG_TEXT, Mismatch, checks, codeTool, expect, main, missingSessionFields, recorder, secretTool } from "./lib.mjs";

const [url, key, wrongKey] = process.argv.slice(2);
const MODEL = "gpt-realtime";
const INSTRUCTIONS = "Conformance run: answer briefly.";

function makeSession() {
  const toolRuns = [];
  const getSecretNumber = tool({
    name: secretTool.name,
    description: secretTool.description,
    parameters: z.object({}),
    execute: async () => { toolRuns.push(secretTool.name); return { secret_number: 42 }; },
  });
  const lookupCode = tool({
    name: codeTool.name,
    description: codeTool.description,
    parameters: z.object({ code: z.string().describe("The product code") }),
    execute: async ({ code }) => { toolRuns.push(codeTool.name); return { code, meaning: "blue widget" }; },
  });
  const agent = new RealtimeAgent({ name: "conformance", instructions: INSTRUCTIONS, tools: [getSecretNumber, lookupCode] });
  // No VAD (the checks send text only); the voice is set so its echo can be checked.
  const session = new RealtimeSession(agent, {
    transport: "websocket",
    model: MODEL,
    config: { audio: { input: { turnDetection: null }, output: { voice: "verse" } } },
  });
  const rec = recorder();
  const sessionErrors = [];
  session.on("transport_event", (evt) => { if (evt && typeof evt.type === "string" && evt.type !== "connection_change") rec.push(evt); });
  session.on("error", (err) => sessionErrors.push(err));
  return { session, rec, sessionErrors, toolRuns };
}

const errorText = (err) => {
  const e = err?.error ?? err;
  return String(e?.message ?? e?.error?.message ?? e?.type ?? e);
};

async function run() {
  const c = makeSession();
  const { session, rec } = c;
  const byType = (t, pred = () => true) => (e) => e.type === t && pred(e);
  let active = 0;
  session.on("transport_event", (e) => { if (e.type === "response.created") active++; if (e.type === "response.done") active = Math.max(0, active - 1); });
  const settle = async () => {
    // A tool round trip goes on by itself (the SDK answers and asks for the reply): wait until nothing streams.
    for (let i = 0; i < 3 && active > 0; i++) {
      const from = rec.mark();
      await rec.waitFor(byType("response.done"), "response.done (settle)", { from, ms: 8000 }).catch(() => session.interrupt());
    }
  };
  const suite = checks(rec, { settle });
  const state = {};
  const turnDone = (from, label) => rec.waitFor(byType("response.done"), label, { from, ms: 12000 });
  /** The reply after the SDK ran a tool: the first response.done that holds no function call. */
  const replyDone = (from) => rec.waitFor(byType("response.done", (e) => !(e.response.output ?? []).some((o) => o.type === "function_call")), "response.done of the reply after the SDK's function_call_output", { from, ms: 15000 });
  const transcriptBetween = (from, to) => rec.events.slice(from, to).filter(byType("response.output_audio_transcript.done")).map((e) => e.transcript).join(" ");

  await suite.run("connect", async () => {
    await session.connect({ apiKey: key, url });
    const created = await rec.waitFor(byType("session.created"), "session.created", { from: 0 });
    expect(created.session?.id?.startsWith("sess_"), "session.created carries a sess_ id", "sess_…", created.session?.id);
    return { url, sessionId: created.session.id };
  });

  await suite.run("session_created_config", async () => {
    const created = await rec.waitFor(byType("session.created"), "session.created", { from: 0 });
    const missing = missingSessionFields(created.session, false);
    expect(missing.length === 0, "session.created carries the session's effective configuration", "no missing field", { missing, session: created.session });
    return { fields: Object.keys(created.session) };
  });

  await suite.run("conversation_created", async () => {}, { skip: "GA protocol (the SDK speaks GA only): conversation.created is not sent by the GA service" });

  await suite.run("session_update", async () => {
    // connect() sent the agent's session.update (instructions, tools, voice, turn detection).
    const updated = await rec.waitFor((e) => e.type === "session.updated" && e.session?.instructions === INSTRUCTIONS, "session.updated with the agent's instructions", { from: 0 });
    const s = updated.session;
    const tools = (s.tools ?? []).map((t) => t.name);
    expect(JSON.stringify(tools) === JSON.stringify(["get_secret_number", "lookup_code"]), "exactly the agent's tools echoed", ["get_secret_number", "lookup_code"], tools);
    expect(s.audio?.output?.voice === "verse", "voice echoed", "verse", s.audio?.output?.voice);
    expect(s.audio?.input?.turn_detection === null, "turn_detection null echoed", null, s.audio?.input?.turn_detection);
    return { tools, voice: s.audio.output.voice, toolChoice: s.tool_choice };
  });

  await suite.run("session_update_accepted", async () => {
    // The SDK's own session.update events (the agent's config, then tracing) must not be refused.
    await rec.waitFor((e) => e.type === "session.updated" && e.session?.instructions === INSTRUCTIONS, "session.updated", { from: 0 });
    const errors = rec.events.filter(byType("error"));
    expect(errors.length === 0, "no error in answer to the SDK's session.update events", [], errors.map((e) => e.error));
    return { sessionUpdated: rec.events.filter(byType("session.updated")).length };
  });

  await suite.run("session_update_tracing", async () => {
    // On session.created the SDK sends session.update {type:"realtime", tracing:"auto"}; its answer echoes it.
    const updated = await rec.waitFor((e) => e.type === "session.updated" && e.session?.tracing === "auto", "session.updated with tracing auto", { from: 0, ms: 3000 })
      .catch(() => { throw new Mismatch("no session.updated echoes the SDK's tracing: \"auto\"", "auto", rec.events.filter(byType("session.updated")).map((e) => e.session?.tracing)); });
    return { tracing: updated.session.tracing };
  });

  await suite.run("no_unsolicited_session_updated", async () => {}, { skip: "the SDK sends several session.update of its own (agent config, tracing) and no event ids, so answers cannot be paired; covered by the openai client runs" });

  await suite.run("text_turn", async (from) => {
    let audioChunks = 0;
    const onAudio = () => audioChunks++;
    session.on("audio", onAudio);
    session.sendMessage("hello agent");
    const done = await turnDone(from, "response.done");
    session.off("audio", onAudio);
    const events = rec.since(from);
    const transcript = events.filter(byType("response.output_audio_transcript.done")).map((e) => e.transcript).join(" ");
    const usage = done.response.usage;
    const assistant = session.history.filter((i) => i.type === "message" && i.role === "assistant").at(-1);
    const historyText = assistant?.content?.find((p) => p.type === "output_audio")?.transcript;
    const user = session.history.find((i) => i.type === "message" && i.role === "user" && JSON.stringify(i.content).includes("hello agent"));
    state.userItemId = user?.itemId;
    expect(done.response.status === "completed", "response.done status completed", "completed", done.response.status);
    expect(audioChunks > 0, "the SDK's audio events (from response.output_audio.delta)", "> 0", audioChunks);
    expect(transcript.length > 0, "a transcript", "non-empty", transcript);
    expect(usage && usage.total_tokens > 0 && usage.input_tokens > 0 && usage.output_tokens > 0, "usage in response.done", "tokens > 0", usage);
    expect(session.usage.totalTokens >= usage.total_tokens, "the SDK's session.usage counts the response's usage", usage.total_tokens, session.usage.totalTokens);
    expect(historyText === transcript, "the SDK's history holds the assistant item with the transcript", transcript, historyText);
    return { transcript, audioChunks, usage: { total_tokens: usage.total_tokens }, sessionUsageTotal: session.usage.totalTokens, historyItems: session.history.length };
  });

  const toolCheck = (text, response, expectedTool, expectedInReply) => async (from) => {
    c.toolRuns.length = 0;
    if (response) {
      // The session's sendMessage always asks for a plain response; options go through the transport's own methods.
      session.transport.sendMessage(text, {}, { triggerResponse: false });
      session.transport.requestResponse(response);
    } else {
      session.sendMessage(text);
    }
    const first = await turnDone(from, "response.done with the function call");
    const calls = (first.response.output ?? []).filter((o) => o.type === "function_call");
    expect(calls.length === 1 && calls[0].name === expectedTool, `a call of ${expectedTool}`, expectedTool, calls.map((x) => x.name));
    const reply = await replyDone(from);
    const transcript = transcriptBetween(rec.events.indexOf(first), rec.events.indexOf(reply) + 1);
    expect(JSON.stringify(c.toolRuns) === JSON.stringify([expectedTool]), "the SDK ran the agent's tool once", [expectedTool], c.toolRuns);
    const output = rec.events.slice(from).find(byType("conversation.item.added", (e) => e.item?.type === "function_call_output" && e.item.call_id === calls[0].call_id));
    expect(output, "the SDK's function_call_output reached the conversation (conversation.item.added)", calls[0].call_id, "none");
    expect(reply.response.status === "completed" && transcript.includes(expectedInReply), "the reply uses the tool's output", `a transcript containing '${expectedInReply}'`, transcript);
    return { call: calls[0].name, arguments: calls[0].arguments, reply: transcript };
  };

  await suite.run("tool_forced_required", toolCheck("Please look up the secret number for me.", { tool_choice: "required" }, "get_secret_number", "42"));
  await suite.run("tool_forced_named", toolCheck("hello there", { tool_choice: { type: "function", name: "lookup_code" } }, "lookup_code", "blue widget"));
  await suite.run("tool_auto_named", toolCheck("Please call get_secret_number", null, "get_secret_number", "42"));

  // session.interrupt() is the SDK's barge-in: response.cancel for the active response, then conversation.item.truncate
  // of the playing item at the elapsed playback time (capped at the audio received).
  const interrupted = async (from) => {
    session.sendMessage(LONG_TEXT);
    const created = await rec.waitFor(byType("response.created"), "response.created", { from });
    const delta = await rec.waitFor(byType("response.output_audio.delta"), "first response.output_audio.delta", { from });
    await rec.waitFor((e) => e.type === "response.output_audio.delta" && e !== delta, "second response.output_audio.delta", { from });
    session.interrupt();
    return { created, itemId: delta.item_id };
  };

  await suite.run("item_truncate", async (from) => {
    const { itemId } = await interrupted(from);
    const reply = await rec.waitFor((e) => e.type === "conversation.item.truncated" || e.type === "error", "conversation.item.truncated", { from });
    expect(reply.type === "conversation.item.truncated" && reply.item_id === itemId && reply.content_index === 0, "conversation.item.truncated of the playing item", { item_id: itemId, content_index: 0 }, reply.error ?? { item_id: reply.item_id, content_index: reply.content_index });
    expect(Number.isInteger(reply.audio_end_ms) && reply.audio_end_ms >= 0, "audio_end_ms an integer ≥ 0", ">= 0", reply.audio_end_ms);
    await turnDone(from, "response.done");
    return { itemId, audioEndMs: reply.audio_end_ms };
  });

  await suite.run("response_cancel", async (from) => {
    const { created } = await interrupted(from);
    const done = await rec.waitFor(byType("response.done", (e) => e.response.id === created.response.id), "response.done of the interrupted response", { from, ms: 8000 });
    expect(done.response.status === "cancelled", "response.done status cancelled", "cancelled", done.response.status);
    expect(done.response.status_details?.reason === "client_cancelled", "status_details.reason client_cancelled", "client_cancelled", done.response.status_details);
    const errors = rec.since(from).filter(byType("error"));
    expect(errors.length === 0, "no error", [], errors.map((e) => e.error));
    return { status: done.response.status, statusDetails: done.response.status_details };
  });

  await suite.run("second_response_conflict", async () => {}, { skip: "the SDK cannot send it: its ResponseCreateSequencer holds every response.create (sendMessage, requestResponse, sendEvent) until the active response is done" });

  await suite.run("item_delete", async (from) => {
    const itemId = state.userItemId;
    expect(itemId, "the text turn's user item is in the SDK's history", "an item id", session.history.map((i) => i.itemId));
    // updateHistory() diffs the SDK's history and sends conversation.item.delete for what is gone.
    session.updateHistory((history) => history.filter((i) => i.itemId !== itemId));
    const reply = await rec.waitFor((e) => e.type === "conversation.item.deleted" || e.type === "error", "conversation.item.deleted", { from });
    expect(reply.type === "conversation.item.deleted" && reply.item_id === itemId, "conversation.item.deleted with the item's id", itemId, reply.error ?? reply.item_id);
    expect(!session.history.some((i) => i.itemId === itemId), "the item left the SDK's history", "absent", "present");
    return { itemId };
  });

  await suite.run("item_delete_unknown", async (from) => {
    session.transport.sendEvent({ type: "conversation.item.delete", event_id: "evt_delete_unknown", item_id: "item_doesnotexist000000" });
    const error = await rec.waitFor((e) => e.type === "error" || e.type === "conversation.item.deleted", "error for an unknown item", { from });
    expect(error.type === "error" && error.error?.code === "item_delete_invalid_item_id", "error code item_delete_invalid_item_id", "item_delete_invalid_item_id", error.error ?? error.type);
    expect(error.error.event_id === "evt_delete_unknown", "error.event_id names the delete", "evt_delete_unknown", error.error.event_id);
    return { code: error.error.code };
  });

  await suite.run("unknown_event", async (from) => {
    const before = c.sessionErrors.length;
    session.transport.sendEvent({ type: "conversation.frobnicate", event_id: "evt_unknown_type" });
    const error = await rec.waitFor(byType("error"), "error for an unknown event type", { from });
    expect(error.error?.code === "invalid_value" && error.error.param === "type", "error invalid_value, param type", { code: "invalid_value", param: "type" }, error.error);
    expect(error.error.event_id === "evt_unknown_type", "error.event_id names the event", "evt_unknown_type", error.error.event_id);
    expect(c.sessionErrors.length > before, "the SDK surfaces it as a session error event", "> " + before, c.sessionErrors.length);
    expect(session.transport.status === "connected", "the connection stays open", "connected", session.transport.status);
    return { code: error.error.code, param: error.error.param };
  });

  session.close();

  await suite.run("wrong_key", async () => {
    const bad = makeSession();
    let refused = null;
    try { await bad.session.connect({ apiKey: wrongKey, url }); } catch (err) { refused = errorText(err); }
    const sawSession = bad.rec.events.some((e) => e.type === "session.created");
    bad.session.close();
    expect(refused !== null, "connect() rejects", "a rejection", "connected");
    expect(!sawSession, "no session.created with a wrong key", "no session", bad.rec.events.map((e) => e.type));
    return { refused, sessionErrors: bad.sessionErrors.map(errorText) };
  });

  return { client: `@openai/agents-realtime@${JSON.parse(readFileSync(new URL("../node_modules/@openai/agents-realtime/package.json", import.meta.url))).version}`, url, checks: suite.statuses };
}

main(run);
