// WebRTC mode: media browser <-> model service directly, events on a data channel. The page never holds a key: it posts
// its SDP offer to the gateway with a single-use client token; the session grain creates the call with the server's own
// credential and holds the call's sideband (server tools, persistence, resume). The service filters the data channel, so
// tool traffic never reaches the page.
import { monitorLevel } from "./level.js";

export class WebRtcCall {
  constructor({ onEvent, onState, onEnded }) {
    this.onEvent = onEvent;
    this.onState = onState;
    this.onEnded = onEnded; // the service ended the call (its time limit, a hang-up, a lost connection)
    this.closing = false;
    this.pc = null;
    this.channel = null;
    this.sender = null;
    this.micStream = null;
    this.remote = null;
    this.sessionId = null;
    // What the tests read: raw data-channel messages, reply audio level (from the played stream), and the clear moment.
    this.stats = { messages: [], maxRms: 0, loudFrames: 0, lastLoudAt: 0, clearedAt: 0 };
  }

  /** Opens the call: offer (with an audio transceiver, the microphone attached later), POST to the gateway, answer. */
  async connect(token) {
    const pc = new RTCPeerConnection();
    this.pc = pc;
    const transceiver = pc.addTransceiver("audio", { direction: "sendrecv" });
    this.sender = transceiver.sender;
    pc.ontrack = (e) => this.#playRemote(e.streams[0] ?? new MediaStream([e.track]));
    pc.onconnectionstatechange = () => this.onState?.(pc.connectionState);
    const channel = pc.createDataChannel("oai-events");
    this.channel = channel;
    channel.onmessage = (e) => {
      this.stats.messages.push(e.data);
      this.onEvent(e.data);
    };
    channel.onclose = () => {
      if (!this.closing) this.onEnded?.();
    };
    const opened = new Promise((resolve, reject) => {
      channel.onopen = resolve;
      channel.onerror = () => reject(new Error("the data channel failed"));
    });

    await pc.setLocalDescription(await pc.createOffer());
    await gatheringDone(pc, 5000);
    const response = await fetch("/v1/realtime/calls", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/sdp" },
      body: pc.localDescription.sdp,
    });
    if (response.status !== 201) {
      const error = await response.json().catch(() => ({}));
      this.close();
      throw new Error(`call refused (${response.status}): ${error.error?.message ?? response.statusText}`);
    }
    this.sessionId = response.headers.get("X-RealtimeGrains-Session-Id");
    await pc.setRemoteDescription({ type: "answer", sdp: await response.text() });
    await withTimeout(opened, 15000, "the data channel did not open");
  }

  /** Sends a client event over the data channel. */
  send(event) {
    if (this.channel?.readyState !== "open") throw new Error("the call is not connected");
    this.channel.send(JSON.stringify(event));
  }

  async startMicrophone() {
    this.micStream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
    await this.sender.replaceTrack(this.micStream.getAudioTracks()[0]);
  }

  async stopMicrophone() {
    await this.sender?.replaceTrack(null);
    this.micStream?.getTracks().forEach((t) => t.stop());
    this.micStream = null;
  }

  /** Marks the moment the service cleared its output buffer (barge-in), for the level monitor. */
  markCleared() {
    this.stats.clearedAt = performance.now();
  }

  close() {
    this.closing = true;
    this.micStream?.getTracks().forEach((t) => t.stop());
    this.channel?.close();
    this.pc?.close();
    if (this.remote) {
      clearInterval(this.remote.timer);
      this.remote.context.close();
      this.remote = null;
    }
    this.pc = null;
    this.channel = null;
  }

  // Plays the reply through an <audio> element (Chromium renders remote WebRTC audio only when one plays it) and
  // measures its level through an analyser, so tests can tell sound from silence.
  #playRemote(stream) {
    const element = document.getElementById("remote-audio");
    element.srcObject = stream;
    element.play().catch(() => {});
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(stream).connect(analyser);
    const timer = monitorLevel(analyser, this.stats);
    this.remote = { context, timer };
  }
}

function gatheringDone(pc, timeoutMs) {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { if (pc.iceGatheringState === "complete") resolve(); };
    pc.addEventListener("icegatheringstatechange", done);
    setTimeout(resolve, timeoutMs); // post what was gathered by then
  });
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); })])
    .finally(() => clearTimeout(timer));
}
