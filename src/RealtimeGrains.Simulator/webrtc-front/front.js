'use strict';
// The Realtime simulator's WebRTC media front: a thin terminator started by the C# simulator as a child process.
// It answers SDP offers with werift, decodes inbound Opus to 24 kHz PCM16 and encodes outbound PCM16 to Opus, and
// relays data-channel text. Everything Realtime (sessions, events, the output buffer) stays in C#.
//
// Control link: newline-delimited JSON on stdin (from C#) and stdout (to C#); nothing else may write to stdout, so
// console.log is sent to stderr, which C# logs. The front exits when stdin closes (its parent went away).
//
//   C# -> front  {op:"offer", call, sdp}   {op:"send", call, text}   {op:"audio", call, pcm}   {op:"hangup", call}
//   front -> C#  {op:"ready"}   {op:"answer", call, sdp | error}   {op:"connected", call}   {op:"open", call}
//                {op:"text", call, text}   {op:"audio", call, pcm}   {op:"ended", call, reason}
// pcm is base64 PCM16 mono at 24 kHz; outbound it is one 20 ms frame per message (C# paces it in real time).

const readline = require('node:readline');
const { Call } = require('./call');
const { parseOptions } = require('./options');

console.log = console.error;

const options = parseOptions(process.argv.slice(2));
const calls = new Map();

function emit(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

async function offer(id, sdp) {
  const call = new Call(id, options, emit, () => calls.delete(id));
  calls.set(id, call);
  try {
    emit({ op: 'answer', call: id, sdp: await call.answer(sdp) });
  } catch (error) {
    calls.delete(id);
    call.close('offer refused', false);
    emit({ op: 'answer', call: id, error: String(error && error.message ? error.message : error) });
  }
}

function handle(line) {
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    console.error(`front: ignoring a control line that is not JSON (${line.length} chars)`);
    return;
  }

  const call = calls.get(message.call);
  switch (message.op) {
    case 'offer':
      void offer(message.call, message.sdp);
      break;
    case 'send':
      call?.sendText(message.text);
      break;
    case 'audio':
      call?.sendAudio(Buffer.from(message.pcm, 'base64'));
      break;
    case 'hangup':
      call?.close('hangup');
      break;
    default:
      console.error(`front: unknown op ${message.op}`);
  }
}

process.on('uncaughtException', (error) => console.error('front: uncaught', error));
process.on('unhandledRejection', (error) => console.error('front: unhandled rejection', error));

const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on('line', handle);
input.on('close', () => {
  for (const call of calls.values()) {
    call.close('front stopping');
  }

  process.exit(0);
});

emit({ op: 'ready' });
