// Microphone capture and speaker playback at 24 kHz PCM16, with barge-in flush and played-position tracking.
import { monitorLevel } from "./level.js";

const SAMPLE_RATE = 24000;

export function base64FromPcm(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function pcmFromBase64(b64) {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Int16Array(bytes.buffer, 0, bytes.length >> 1);
}

export class AudioPipeline {
  constructor() {
    this.context = null;
    this.stream = null;
    this.capture = null;
    this.sources = new Set();
    this.nextTime = 0;
    this.current = null; // { itemId, startTime, receivedMs }
    this.stats = { chunksSent: 0, chunksPlayed: 0, msPlayedScheduled: 0, maxRms: 0, loudFrames: 0, lastLoudAt: 0 };
    this.output = null;
  }

  ensureContext() {
    if (!this.context) {
      this.context = new AudioContext({ sampleRate: SAMPLE_RATE });
      // Playback goes through an analyser, so the level of what is heard can be measured.
      this.output = this.context.createAnalyser();
      this.output.fftSize = 1024;
      this.output.connect(this.context.destination);
      monitorLevel(this.output, this.stats);
    }
    if (this.context.state === "suspended") this.context.resume();
    return this.context;
  }

  async startMicrophone(onChunk) {
    const context = this.ensureContext();
    await context.audioWorklet.addModule("capture-worklet.js");
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
    const source = context.createMediaStreamSource(this.stream);
    this.capture = new AudioWorkletNode(context, "capture-processor");
    this.capture.port.onmessage = (e) => { this.stats.chunksSent++; onChunk(e.data); };
    source.connect(this.capture);
  }

  stopMicrophone() {
    this.capture?.disconnect();
    this.capture = null;
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
  }

  play(itemId, base64) {
    const context = this.ensureContext();
    const pcm = pcmFromBase64(base64);
    if (pcm.length === 0) return;
    const buffer = context.createBuffer(1, pcm.length, SAMPLE_RATE);
    const data = buffer.getChannelData(0);
    for (let i = 0; i < pcm.length; i++) data[i] = pcm[i] / 0x8000;
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.output);
    const startAt = Math.max(context.currentTime + 0.02, this.nextTime);
    if (!this.current || this.current.itemId !== itemId) {
      this.current = { itemId, startTime: startAt, receivedMs: 0 };
    }
    this.current.receivedMs += (pcm.length / SAMPLE_RATE) * 1000;
    source.start(startAt);
    this.nextTime = startAt + buffer.duration;
    this.sources.add(source);
    source.onended = () => { this.sources.delete(source); this.stats.chunksPlayed++; };
    this.stats.msPlayedScheduled += buffer.duration * 1000;
  }

  /** Milliseconds of the current assistant item actually played so far (never more than was received). */
  playedPosition() {
    if (!this.current || !this.context) return null;
    const played = Math.max(0, (this.context.currentTime - this.current.startTime) * 1000);
    return { itemId: this.current.itemId, playedMs: Math.floor(Math.min(played, this.current.receivedMs)) };
  }

  /** Barge-in: stop everything scheduled; returns where playback stopped. */
  flush() {
    const position = this.playedPosition();
    for (const source of this.sources) {
      try { source.stop(); } catch { /* already stopped */ }
    }
    this.sources.clear();
    this.nextTime = 0;
    this.current = null;
    return position;
  }

  get isPlaying() { return this.sources.size > 0; }
}
