'use strict';
// A browser stand-in for tests: a werift peer that offers one Opus audio track (sendrecv) and a data channel, like
// the product's page does, driven over stdin/stdout with newline-delimited JSON by the C# test.
//
//   test -> peer  {op:"answer", sdp}   {op:"say", pcm}   {op:"send", text}   {op:"stats"}   {op:"dump", path}   {op:"close"}
//   peer -> test  {op:"offer", sdp}   {op:"connected"}   {op:"open"}   {op:"text", text}   {op:"said"}
//                 {op:"stats", packets, loudPackets}   {op:"dumped"}   {op:"state", state}
// pcm is base64 PCM16 mono 24 kHz. The microphone sends 20 ms frames in real time from the start: what "say" queued,
// else silence (server VAD needs the silence after speech). Received audio is decoded and kept for "dump" (a WAV).

const fs = require('node:fs');
const readline = require('node:readline');
const { RTCPeerConnection, RtpHeader, RtpPacket, useOPUS } = require('werift');
const { OpusCodec, FRAME_MS, FRAME_BYTES, RTP_TICKS_PER_FRAME, SAMPLE_RATE } = require('../opus');

console.log = console.error;
const emit = (message) => process.stdout.write(JSON.stringify(message) + '\n');

const codec = new OpusCodec();
const pc = new RTCPeerConnection({
  codecs: { audio: [useOPUS()], video: [] },
  iceUseIpv6: false,
  iceAdditionalHostAddresses: ['127.0.0.1'],
  iceInterfaceAddresses: { udp4: '127.0.0.1' },
  iceFilterCandidatePair: (pair) => pair.localCandidate?.host === '127.0.0.1',
});
const transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
const channel = pc.createDataChannel('oai-events');
const received = [];
let packets = 0;
let loudPackets = 0;
let speech = Buffer.alloc(0);
let speaking = false;

channel.stateChanged.subscribe((state) => state === 'open' && emit({ op: 'open' }));
channel.onMessage.subscribe((data) => emit({ op: 'text', text: data.toString() }));
pc.connectionStateChange.subscribe((state) => {
  emit({ op: 'state', state });
  if (state === 'connected') {
    emit({ op: 'connected' });
    startMicrophone();
  }
});
pc.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => {
  const pcm = codec.decode(rtp.payload);
  packets++;
  if (rms(pcm) > 300) {
    loudPackets++;
  }

  received.push(pcm);
}));

function rms(pcm) {
  let sum = 0;
  for (let i = 0; i + 1 < pcm.length; i += 2) {
    const s = pcm.readInt16LE(i);
    sum += s * s;
  }

  return Math.sqrt(sum / Math.max(1, pcm.length / 2));
}

function startMicrophone() {
  const started = Date.now();
  let frames = 0;
  let sequenceNumber = 1;
  let timestamp = 1000;
  setInterval(() => {
    // Catch up on the wall clock: timers are late, the audio must not be.
    while (frames * FRAME_MS <= Date.now() - started) {
      frames++;
      let frame = Buffer.alloc(FRAME_BYTES);
      if (speech.length > 0) {
        frame = Buffer.concat([speech.subarray(0, FRAME_BYTES), Buffer.alloc(FRAME_BYTES)], FRAME_BYTES);
        speech = speech.subarray(FRAME_BYTES);
      } else if (speaking) {
        speaking = false;
        emit({ op: 'said' });
      }

      sequenceNumber = (sequenceNumber + 1) & 0xffff;
      timestamp = (timestamp + RTP_TICKS_PER_FRAME) >>> 0;
      const header = new RtpHeader({ sequenceNumber, timestamp, payloadType: 111 });
      transceiver.sender.sendRtp(new RtpPacket(header, codec.encode(frame))).catch(() => {});
    }
  }, 10);
}

function wav(pcm) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

async function offer() {
  await pc.setLocalDescription(await pc.createOffer());
  if (pc.iceGatheringState !== 'complete') {
    await new Promise((resolve) => pc.iceGatheringStateChange.subscribe((state) => state === 'complete' && resolve()));
  }

  emit({ op: 'offer', sdp: pc.localDescription.sdp });
}

async function handle(message) {
  switch (message.op) {
    case 'answer':
      await pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
      break;
    case 'say':
      speech = Buffer.concat([speech, Buffer.from(message.pcm, 'base64')]);
      speaking = true;
      break;
    case 'send':
      channel.send(message.text);
      break;
    case 'stats':
      emit({ op: 'stats', packets, loudPackets });
      break;
    case 'dump':
      fs.writeFileSync(message.path, wav(Buffer.concat(received)));
      emit({ op: 'dumped' });
      break;
    case 'close':
      await pc.close();
      emit({ op: 'state', state: 'closed' });
      break;
    default:
      console.error(`peer: unknown op ${message.op}`);
  }
}

process.on('uncaughtException', (error) => console.error('peer: uncaught', error));
const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on('line', (line) => handle(JSON.parse(line)).catch((error) => emit({ op: 'error', message: String(error) })));
input.on('close', () => process.exit(0));
void offer();
