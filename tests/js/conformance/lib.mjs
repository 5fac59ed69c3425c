// Shared harness of the conformance scripts: an event recorder, checks that never abort the run, and JSON-line output.
// Every check prints {"check","status":"pass"|"fail"|"skip",...}; a failed one carries expected, actual and the wire
// events it saw (audio payloads left out). The last line is {"ok":true,"checks":{name:status}} once every check ran, or
// {"ok":false,"error"} when the harness itself could not run (exit code 1).

export const out = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");

/** A failed expectation: what was expected and what came. */
export class Mismatch extends Error {
  constructor(message, expected, actual) {
    super(message);
    this.expected = expected;
    this.actual = actual;
  }
}

export function expect(condition, message, expected, actual) {
  if (!condition) throw new Mismatch(message, expected, actual);
}

/** The fields of a server event worth reading in a report: ids, codes, statuses, texts; never audio. */
export function summarize(evt) {
  const s = { type: evt.type };
  for (const key of ["event_id", "item_id", "response_id", "call_id", "name", "audio_end_ms", "transcript", "text", "arguments", "previous_item_id"]) {
    if (evt[key] !== undefined && evt[key] !== null) s[key] = typeof evt[key] === "string" && evt[key].length > 160 ? evt[key].slice(0, 160) + "…" : evt[key];
  }
  if (evt.delta !== undefined) s.delta = evt.type.includes("audio.delta") ? `<${evt.delta.length} base64 chars>` : evt.delta;
  if (evt.error) s.error = evt.error;
  if (evt.item) s.item = { id: evt.item.id, type: evt.item.type, role: evt.item.role, status: evt.item.status, name: evt.item.name, call_id: evt.item.call_id };
  if (evt.response) {
    s.response = { id: evt.response.id, status: evt.response.status, status_details: evt.response.status_details, usage: evt.response.usage };
    if (Array.isArray(evt.response.output)) s.response.output = evt.response.output.map((o) => ({ type: o.type, name: o.name, status: o.status, role: o.role }));
  }
  if (evt.session) s.session = { id: evt.session.id, type: evt.session.type, instructions: evt.session.instructions, tools: (evt.session.tools ?? []).map((t) => t.name), tool_choice: evt.session.tool_choice };
  return s;
}

/** Collapses runs of the same delta type so a report stays readable. */
export function wire(events) {
  const lines = [];
  for (const evt of events) {
    const last = lines[lines.length - 1];
    if (evt.type.endsWith(".delta") && last && last.type === evt.type) {
      last.count = (last.count ?? 1) + 1;
      continue;
    }
    lines.push(summarize(evt));
  }
  return lines.slice(-80);
}

/** Records every server event; waits see events from a mark on, already seen or still to come. */
export function recorder() {
  const events = [];
  const waiters = [];
  return {
    events,
    push(evt) {
      events.push(evt);
      for (const w of [...waiters]) {
        if (events.indexOf(evt) >= w.from && w.match(evt)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(evt);
        }
      }
    },
    mark: () => events.length,
    since: (from) => events.slice(from),
    waitFor(match, label, { from = 0, ms = 10000 } = {}) {
      const seen = events.slice(from).find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(entry), 1);
          reject(new Mismatch(`timed out after ${ms} ms waiting for ${label}`, label, events.slice(from).map((e) => e.type).join(",") || "(nothing)"));
        }, ms);
        const entry = { match, from, resolve: (e) => { clearTimeout(timer); resolve(e); } };
        waiters.push(entry);
      });
    },
  };
}

/** Runs named checks one after the other; a failure is reported and the run goes on. */
export function checks(rec, { settle } = {}) {
  const statuses = {};
  return {
    statuses,
    async run(name, fn, { skip, ms = 15000 } = {}) {
      if (skip) {
        statuses[name] = "skip";
        out({ check: name, status: "skip", reason: skip });
        return;
      }
      const from = rec.mark();
      let timer;
      try {
        const actual = await Promise.race([
          fn(from),
          new Promise((_, reject) => { timer = setTimeout(() => reject(new Mismatch(`check did not finish within ${ms} ms`, "finish", "still running")), ms); }),
        ]);
        statuses[name] = "pass";
        out({ check: name, status: "pass", actual: actual ?? {} });
      } catch (err) {
        statuses[name] = "fail";
        out({ check: name, status: "fail", error: String(err?.message ?? err), expected: err?.expected, actual: err?.actual, wire: wire(rec.since(from)) });
      } finally {
        clearTimeout(timer);
        if (settle) {
          try { await settle(); } catch { /* the next check reports what is still wrong */ }
        }
      }
    },
  };
}

/** Prints the final line and exits; a harness failure or the overall deadline gives ok:false. */
export function main(run, deadlineMs = 45000) {
  const watchdog = setTimeout(() => { out({ ok: false, error: `scenario deadline (${deadlineMs / 1000} s) passed` }); process.exit(1); }, deadlineMs);
  run().then(
    (result) => { clearTimeout(watchdog); out({ ok: true, ...result }); process.exit(0); },
    (err) => { clearTimeout(watchdog); out({ ok: false, error: String(err?.stack ?? err) }); process.exit(1); },
  );
}

/**
 * The effective configuration a session.created must carry (protocol doc 7.1 / 7.2): the paths that are missing.
 * Beta: flat fields; GA: the nested audio block.
 */
export function missingSessionFields(session, beta) {
  const paths = ["id", "object", "model", "expires_at", "instructions", "tools", "tool_choice"].concat(beta
    ? ["modalities", "voice", "input_audio_format", "output_audio_format", "turn_detection"]
    : ["type", "output_modalities", "audio.input.format", "audio.input.turn_detection", "audio.output.format", "audio.output.voice"]);
  const has = (obj, path) => path.split(".").reduce((o, k) => (o !== undefined && o !== null && Object.hasOwn(o, k) ? o[k] : undefined), obj) !== undefined;
  return paths.filter((path) => !has(session, path));
}

/** The client function tools every script declares (names unlike the gateway's server tools). */
export const secretTool = {
  type: "function",
  name: "get_secret_number",
  description: "Returns the secret number of the conformance run.",
  parameters: { type: "object", properties: {}, required: [] },
};
export const codeTool = {
  type: "function",
  name: "lookup_code",
  description: "Looks up what a product code stands for.",
  parameters: { type: "object", properties: { code: { type: "string", description: "The product code" } }, required: ["code"] },
};
export const SECRET_OUTPUT = JSON.stringify({ secret_number: 42 });
export const CODE_OUTPUT = JSON.stringify({ meaning: "blue widget" });
// Long enough that its spoken reply streams for seconds at real-time speed.
export const LONG_TEXT = "Tell me a long story about the lighthouse keeper who counted every wave of the northern sea, one by one, night after night, until the winter storms came and the lamp went dark for the very first time.";
