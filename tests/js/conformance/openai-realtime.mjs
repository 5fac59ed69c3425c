// Conformance checks with the unmodified npm `openai` client and its Node realtime WebSocket (`ws`) helpers.
// Usage: node openai-realtime.mjs <mode> <baseUrl> <key> <wrongKey>
//   mode azure-beta: AzureOpenAI({ endpoint: baseUrl, apiVersion: 2025-04-01-preview, deployment }) +
//                    OpenAIRealtimeWS.azure() from openai/beta/realtime/ws → /openai/realtime?api-version&deployment, api-key header
//   mode azure-ga:   the same client + OpenAIRealtimeWS.azure() from openai/realtime/ws → /openai/v1/realtime?model, api-key header
//   mode ga:         OpenAI({ baseURL: baseUrl + "/v1" }) + new OpenAIRealtimeWS({ model }) from openai/realtime/ws
//                    → /v1/realtime?model, Authorization: Bearer, no beta header
// The client forces wss:, so baseUrl is https:// (a TLS terminator in front of the target, its CA in NODE_EXTRA_CA_CERTS).
import { AzureOpenAI, OpenAI } from "openai";
import { OpenAIRealtimeWS as BetaRealtimeWS } from "openai/beta/realtime/ws";
import { OpenAIRealtimeWS as RealtimeWS } from "openai/realtime/ws";
import {
  CODE_OUTPUT, LONG_TEXT, SECRET_OUTPUT, checks, codeTool, expect, main, missingSessionFields, recorder, secretTool,
} from "./lib.mjs";

const [mode, baseUrl, key, wrongKey] = process.argv.slice(2);
const MODEL = "gpt-realtime";
const beta = mode === "azure-beta";

// Event names of the two protocol generations.
const E = beta
  ? { itemAdded: "conversation.item.created", audioDelta: "response.audio.delta", transcriptDelta: "response.audio_transcript.delta", transcriptDone: "response.audio_transcript.done", audioPart: "audio" }
  : { itemAdded: "conversation.item.added", audioDelta: "response.output_audio.delta", transcriptDelta: "response.output_audio_transcript.delta", transcriptDone: "response.output_audio_transcript.done", audioPart: "output_audio" };

async function open(apiKey) {
  let rt;
  if (mode === "ga") {
    rt = new RealtimeWS({ model: MODEL }, new OpenAI({ apiKey, baseURL: `${baseUrl}/v1` }));
  } else {
    const azure = new AzureOpenAI({ endpoint: baseUrl, apiKey, apiVersion: "2025-04-01-preview", deployment: MODEL });
    rt = beta ? await BetaRealtimeWS.azure(azure) : await RealtimeWS.azure(azure);
  }
  const rec = recorder();
  const clientErrors = [];
  rt.on("event", (evt) => rec.push(evt));
  rt.on("error", (err) => { if (!err.error) clientErrors.push(String(err.message)); });
  const closed = new Promise((resolve) => rt.socket.on("close", (code, reason) => resolve({ code, reason: String(reason) })));
  return { rt, rec, clientErrors, closed, url: rt.url.toString() };
}

const userText = (text, extra = {}) => ({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text }] }, ...extra });
const transcriptOf = (events) => events.filter((e) => e.type === E.transcriptDone).map((e) => e.transcript).join(" ");

async function run() {
  const c = await open(key);
  const { rt, rec } = c;
  const byType = (t, pred = () => true) => (e) => e.type === t && pred(e);
  let active = 0;
  rt.on("event", (e) => { if (e.type === "response.created") active++; if (e.type === "response.done") active = Math.max(0, active - 1); });
  const settle = async () => {
    if (active === 0) return;
    const from = rec.mark();
    try { await rec.waitFor(byType("response.done"), "response.done (settle)", { from, ms: 8000 }); } catch {
      rt.send({ type: "response.cancel" });
      await rec.waitFor(byType("response.done"), "response.done (settle after cancel)", { from, ms: 3000 }).catch(() => {});
    }
  };
  const suite = checks(rec, { settle });
  const state = {};

  /** Adds a user text item and asks for a response; resolves with that response's events once response.done arrived. */
  const turn = async (from, text, response) => {
    rt.send(userText(text));
    await rec.waitFor(byType(E.itemAdded, (e) => e.item?.role === "user" && JSON.stringify(e.item.content ?? []).includes(text.slice(0, 40))), `${E.itemAdded} of the user item`, { from });
    const at = rec.mark();
    rt.send(response ? { type: "response.create", response } : { type: "response.create" });
    const done = await rec.waitFor(byType("response.done"), "response.done", { from: at, ms: 12000 });
    return { done, events: rec.since(at) };
  };
  const callsIn = (done) => (done.response.output ?? []).filter((o) => o.type === "function_call");
  /** Answers every call of a response with function_call_output items, then response.create; resolves with the reply. */
  const answer = async (calls, outputFor) => {
    for (const call of calls) {
      const from = rec.mark();
      rt.send({ type: "conversation.item.create", item: { type: "function_call_output", call_id: call.call_id, output: outputFor(call) } });
      await rec.waitFor(byType(E.itemAdded, (e) => e.item?.type === "function_call_output" && e.item.call_id === call.call_id), `${E.itemAdded} of the function_call_output`, { from });
    }
    const at = rec.mark();
    rt.send({ type: "response.create" });
    const done = await rec.waitFor(byType("response.done"), "response.done of the reply", { from: at, ms: 12000 });
    return { done, transcript: transcriptOf(rec.since(at)) };
  };

  await suite.run("connect", async (from) => {
    await new Promise((resolve, reject) => { rt.socket.once("open", resolve); rt.socket.once("error", reject); if (rt.socket.readyState === 1) resolve(); });
    const created = await rec.waitFor(byType("session.created"), "session.created", { from: 0 });
    expect(typeof created.session?.id === "string" && created.session.id.startsWith("sess_"), "session.created carries a sess_ id", "sess_…", created.session?.id);
    if (!beta) expect(created.session.type === "realtime", "GA session.created has session.type realtime", "realtime", created.session.type);
    return { url: c.url, sessionId: created.session.id, model: created.session.model };
  });

  await suite.run("session_created_config", async () => {
    const created = await rec.waitFor(byType("session.created"), "session.created", { from: 0 });
    const missing = missingSessionFields(created.session, beta);
    expect(missing.length === 0, "session.created carries the session's effective configuration", "no missing field", { missing, session: created.session });
    expect(created.session.object === "realtime.session", "session.object realtime.session", "realtime.session", created.session.object);
    return { fields: Object.keys(created.session) };
  });

  await suite.run("conversation_created", async () => {
    // Protocol doc 6.1 (beta): session.created, then conversation.created, unprompted.
    await rec.waitFor((e) => e.type !== "session.created", "a second server event", { from: 0, ms: 3000 });
    const second = rec.events[1];
    expect(second.type === "conversation.created", "the event after session.created is conversation.created", "conversation.created", rec.events.slice(0, 4).map((e) => e.type));
    expect(second.conversation?.id?.startsWith("conv_"), "conversation.created carries a conv_ id", "conv_…", second.conversation?.id);
    return { conversationId: second.conversation.id };
  }, { skip: beta ? undefined : "GA: conversation.created is not sent by the GA service (protocol doc 6.1)" });

  await suite.run("session_update", async (from) => {
    const session = beta
      ? { instructions: "Conformance run: answer briefly.", modalities: ["text", "audio"], voice: "verse", turn_detection: null, tools: [secretTool, codeTool], tool_choice: "auto" }
      : { type: "realtime", instructions: "Conformance run: answer briefly.", output_modalities: ["audio"], audio: { input: { turn_detection: null }, output: { voice: "verse" } }, tools: [secretTool, codeTool], tool_choice: "auto" };
    rt.send({ type: "session.update", event_id: "evt_session_update", session });
    const updated = await rec.waitFor((e) => (e.type === "session.updated" && e.session?.instructions === session.instructions) || e.type === "error", "session.updated with the new instructions", { from });
    expect(updated.type === "session.updated", "session.update is answered by session.updated", "session.updated", updated.error ?? updated.type);
    state.sessionUpdatedAt = rec.events.indexOf(updated);
    const s = updated.session;
    const tools = (s.tools ?? []).map((t) => t.name);
    const voice = beta ? s.voice : s.audio?.output?.voice;
    const turnDetection = beta ? s.turn_detection : s.audio?.input?.turn_detection;
    expect(JSON.stringify(tools) === JSON.stringify(["get_secret_number", "lookup_code"]), "exactly the client's tools echoed", ["get_secret_number", "lookup_code"], tools);
    expect(voice === "verse", "voice echoed", "verse", voice);
    expect(turnDetection === null, "turn_detection null echoed", null, turnDetection);
    expect(s.tool_choice === "auto", "tool_choice echoed", "auto", s.tool_choice);
    return { sessionId: s.id, tools, voice, toolChoice: s.tool_choice, turnDetection };
  });

  await suite.run("no_unsolicited_session_updated", async () => {
    // The service sends session.updated only in answer to a session.update: one sent, so exactly one before the echo.
    expect(state.sessionUpdatedAt !== undefined, "the session_update check saw its echo", "an echo", "none");
    const before = rec.events.slice(0, state.sessionUpdatedAt).map((e, i) => ({ i, e })).filter(({ e }) => e.type === "session.updated");
    expect(before.length === 0, "no session.updated before the answer to the client's only session.update", [], before.map(({ i, e }) => ({ index: i, instructions: e.session?.instructions?.slice(0, 60), tools: (e.session?.tools ?? []).map((t) => t.name) })));
    return { sessionUpdatedIndex: state.sessionUpdatedAt, firstEvents: rec.events.slice(0, 3).map((e) => e.type) };
  });

  await suite.run("text_turn", async (from) => {
    const { done, events } = await turn(from, "hello conformance");
    const deltas = events.filter(byType(E.audioDelta));
    const transcriptDeltas = events.filter(byType(E.transcriptDelta)).map((e) => e.delta).join("");
    const transcript = transcriptOf(events);
    const usage = done.response.usage;
    const message = (done.response.output ?? []).find((o) => o.type === "message");
    state.assistantItemId = message?.id;
    expect(done.response.status === "completed", "response.done status completed", "completed", done.response.status);
    expect(deltas.length > 0 && deltas.every((d) => Buffer.from(d.delta, "base64").length > 0), `${E.audioDelta} events with base64 audio`, "> 0", deltas.length);
    expect(transcript.length > 0 && transcript === transcriptDeltas, "transcript done = the transcript deltas joined", transcriptDeltas, transcript);
    expect(message?.content?.[0]?.type === E.audioPart && message.content[0].transcript === transcript, `response.done output message with a ${E.audioPart} part carrying the transcript`, { type: E.audioPart, transcript }, message?.content);
    expect(usage && usage.total_tokens > 0 && usage.input_tokens > 0 && usage.output_tokens > 0 && usage.total_tokens === usage.input_tokens + usage.output_tokens, "usage in response.done (total = input + output > 0)", "usage with tokens", usage);
    const order = ["response.created", "response.output_item.added", "response.content_part.added", E.audioDelta, "response.content_part.done", "response.output_item.done", "response.done"]
      .map((t) => events.findIndex(byType(t)));
    expect(order.every((i, n) => i >= 0 && (n === 0 || i > order[n - 1])), "created → item added → part added → deltas → part done → item done → done", "increasing indices", order);
    return { transcript, audioDeltas: deltas.length, usage: { total_tokens: usage.total_tokens, input_tokens: usage.input_tokens, output_tokens: usage.output_tokens } };
  });

  await suite.run("tool_forced_required", async (from) => {
    const { done, events } = await turn(from, "Please look up the secret number for me.", { tool_choice: "required" });
    const calls = callsIn(done);
    const argsDone = events.find(byType("response.function_call_arguments.done"));
    expect(calls.length === 1 && calls[0].name === "get_secret_number", "tool_choice required → a call of the client's get_secret_number", "get_secret_number", calls.map((x) => x.name));
    expect(argsDone?.call_id === calls[0].call_id && argsDone?.name === "get_secret_number", "response.function_call_arguments.done with the call's call_id and name", calls[0].call_id, argsDone);
    const reply = await answer(calls, () => SECRET_OUTPUT);
    expect(reply.done.response.status === "completed" && callsIn(reply.done).length === 0, "the reply after function_call_output + response.create is a message", "completed message", reply.done.response.output);
    expect(reply.transcript.includes("42"), "the reply uses the function output", "a transcript containing 42", reply.transcript);
    return { call: calls[0].name, callId: calls[0].call_id, reply: reply.transcript };
  });

  await suite.run("tool_forced_named", async (from) => {
    const toolChoice = beta ? "lookup_code" : { type: "function", name: "lookup_code" };
    const { done } = await turn(from, "hello there", { tool_choice: toolChoice });
    const calls = callsIn(done);
    expect(calls.length === 1 && calls[0].name === "lookup_code", `tool_choice ${JSON.stringify(toolChoice)} → a call of lookup_code`, "lookup_code", calls.map((x) => x.name));
    const args = JSON.parse(calls[0].arguments || "{}");
    expect(typeof args.code === "string", "arguments valid against the tool's schema (required code: string)", "{code: string}", calls[0].arguments);
    const reply = await answer(calls, () => CODE_OUTPUT);
    expect(reply.transcript.includes("blue widget"), "the reply uses the function output", "a transcript containing 'blue widget'", reply.transcript);
    return { call: calls[0].name, arguments: calls[0].arguments, reply: reply.transcript };
  });

  await suite.run("tool_auto_named", async (from) => {
    const { done } = await turn(from, "Please call get_secret_number");
    const calls = callsIn(done);
    expect(calls.length === 1 && calls[0].name === "get_secret_number", "auto + text naming the tool → a call of get_secret_number", "get_secret_number", calls.map((x) => x.name));
    const reply = await answer(calls, () => SECRET_OUTPUT);
    expect(reply.transcript.includes("42"), "the reply uses the function output", "a transcript containing 42", reply.transcript);
    return { call: calls[0].name, reply: reply.transcript };
  });

  await suite.run("item_truncate", async (from) => {
    let itemId = state.assistantItemId;
    if (!itemId) {
      const { done } = await turn(from, "hello truncation");
      itemId = (done.response.output ?? []).find((o) => o.type === "message")?.id;
    }
    const at = rec.mark();
    rt.send({ type: "conversation.item.truncate", event_id: "evt_truncate", item_id: itemId, content_index: 0, audio_end_ms: 500 });
    const reply = await rec.waitFor((e) => e.type === "conversation.item.truncated" || e.type === "error", "conversation.item.truncated", { from: at });
    expect(reply.type === "conversation.item.truncated", "truncate answered by conversation.item.truncated", "conversation.item.truncated", reply.error ?? reply.type);
    expect(reply.item_id === itemId && reply.content_index === 0 && reply.audio_end_ms === 500, "truncated echoes item_id, content_index 0, audio_end_ms 500", { item_id: itemId, content_index: 0, audio_end_ms: 500 }, { item_id: reply.item_id, content_index: reply.content_index, audio_end_ms: reply.audio_end_ms });
    return { itemId, audioEndMs: reply.audio_end_ms };
  });

  await suite.run("response_cancel", async (from) => {
    rt.send(userText(LONG_TEXT));
    await rec.waitFor(byType(E.itemAdded, (e) => e.item?.role === "user"), "the user item", { from });
    const at = rec.mark();
    rt.send({ type: "response.create" });
    const created = await rec.waitFor(byType("response.created"), "response.created", { from: at });
    await rec.waitFor(byType(E.audioDelta), `first ${E.audioDelta}`, { from: at });
    rt.send({ type: "response.cancel", event_id: "evt_cancel" });
    const done = await rec.waitFor(byType("response.done"), "response.done after response.cancel", { from: at, ms: 8000 });
    const events = rec.since(at);
    const itemDone = events.find(byType("response.output_item.done"));
    const errors = events.filter(byType("error"));
    expect(done.response.id === created.response.id, "response.done of the cancelled response", created.response.id, done.response.id);
    expect(done.response.status === "cancelled", "response.done status cancelled", "cancelled", done.response.status);
    expect(done.response.status_details?.reason === "client_cancelled", "status_details.reason client_cancelled", "client_cancelled", done.response.status_details);
    expect(itemDone?.item?.status === "incomplete", "response.output_item.done with status incomplete", "incomplete", itemDone?.item?.status);
    expect(errors.length === 0, "no error", "no error", errors.map((e) => e.error));
    return { status: done.response.status, statusDetails: done.response.status_details, audioDeltasBeforeDone: events.filter(byType(E.audioDelta)).length };
  });

  await suite.run("second_response_conflict", async (from) => {
    rt.send(userText(LONG_TEXT));
    await rec.waitFor(byType(E.itemAdded, (e) => e.item?.role === "user"), "the user item", { from });
    const at = rec.mark();
    rt.send({ type: "response.create", event_id: "evt_first_response" });
    const created = await rec.waitFor(byType("response.created"), "response.created", { from: at });
    rt.send({ type: "response.create", event_id: "evt_second_response" });
    const error = await rec.waitFor(byType("error"), "error for the second response.create", { from: at, ms: 5000 });
    rt.send({ type: "response.cancel" });
    const done = await rec.waitFor(byType("response.done", (e) => e.response.id === created.response.id), "response.done of the first response", { from: at, ms: 8000 });
    const createdCount = rec.since(at).filter(byType("response.created")).length;
    expect(error.error?.code === "conversation_already_has_active_response", "error code conversation_already_has_active_response", "conversation_already_has_active_response", error.error);
    expect(createdCount === 1, "no second response was started", 1, createdCount);
    state.conflictError = error;
    return { code: error.error.code, message: error.error.message, eventId: error.error.event_id, firstResponseStatus: done.response.status };
  });

  await suite.run("second_response_conflict_event_id", async () => {
    // Protocol doc 11.1: error.event_id echoes the client event that failed.
    const error = state.conflictError;
    expect(error, "the second_response_conflict check got its error", "an error event", "none");
    expect(error.error.event_id === "evt_second_response", "error.event_id names the refused response.create", "evt_second_response", error);
    return { eventId: error.error.event_id };
  });

  await suite.run("item_delete", async (from) => {
    rt.send(userText("please forget this line"));
    const added = await rec.waitFor(byType(E.itemAdded, (e) => e.item?.role === "user" && JSON.stringify(e.item.content ?? []).includes("forget this line")), "the user item", { from });
    const at = rec.mark();
    rt.send({ type: "conversation.item.delete", event_id: "evt_delete", item_id: added.item.id });
    const reply = await rec.waitFor((e) => e.type === "conversation.item.deleted" || e.type === "error", "conversation.item.deleted", { from: at });
    expect(reply.type === "conversation.item.deleted" && reply.item_id === added.item.id, "conversation.item.deleted with the item's id", added.item.id, reply.error ?? reply.item_id);
    return { itemId: reply.item_id };
  });

  await suite.run("item_delete_unknown", async (from) => {
    rt.send({ type: "conversation.item.delete", event_id: "evt_delete_unknown", item_id: "item_doesnotexist000000" });
    const error = await rec.waitFor((e) => e.type === "error" || e.type === "conversation.item.deleted", "error for an unknown item", { from });
    expect(error.type === "error" && error.error?.code === "item_delete_invalid_item_id", "error code item_delete_invalid_item_id", "item_delete_invalid_item_id", error.error ?? error.type);
    expect(error.error.event_id === "evt_delete_unknown", "error.event_id names the delete", "evt_delete_unknown", error.error.event_id);
    return { code: error.error.code, message: error.error.message };
  });

  await suite.run("unknown_event", async (from) => {
    rt.send({ type: "conversation.frobnicate", event_id: "evt_unknown_type" });
    const error = await rec.waitFor(byType("error"), "error for an unknown event type", { from });
    expect(error.error?.code === "invalid_value", "error code invalid_value", "invalid_value", error.error);
    expect(error.error.event_id === "evt_unknown_type", "error.event_id names the event", "evt_unknown_type", error.error.event_id);
    expect(error.error.param === "type", "error.param type", "type", error.error.param);
    const stillOpen = rt.socket.readyState === 1;
    expect(stillOpen, "the socket stays open", "open", rt.socket.readyState);
    return { code: error.error.code, param: error.error.param, message: error.error.message };
  });

  rt.close();

  await suite.run("wrong_key", async () => {
    const bad = await open(wrongKey);
    const outcome = await Promise.race([bad.closed, new Promise((resolve) => setTimeout(() => resolve(null), 8000))]);
    const sawSession = bad.rec.events.some((e) => e.type === "session.created");
    expect(!sawSession, "no session.created with a wrong key", "no session", bad.rec.events.map((e) => e.type));
    expect(bad.clientErrors.some((m) => m.includes("401")), "the handshake is refused with HTTP 401", "Unexpected server response: 401", bad.clientErrors);
    return { clientErrors: bad.clientErrors, close: outcome };
  });

  return { client: `openai@${(await import("openai/version")).VERSION}`, mode, url: c.url, checks: suite.statuses };
}

main(run);
