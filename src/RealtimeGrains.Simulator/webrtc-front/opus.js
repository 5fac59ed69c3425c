'use strict';
// Opus at the Realtime API's own rate: libopus resamples internally, so 24 kHz PCM16 mono goes in and comes out
// while the RTP stream is the 48 kHz Opus that WebRTC negotiates (opus/48000/2; RTP timestamps count 48 kHz).

const OpusScript = require('opusscript');

const SAMPLE_RATE = 24000;
const FRAME_MS = 20;
const FRAME_SAMPLES = (SAMPLE_RATE * FRAME_MS) / 1000;
const FRAME_BYTES = FRAME_SAMPLES * 2;
const RTP_TICKS_PER_FRAME = (48000 * FRAME_MS) / 1000;

class OpusCodec {
  constructor() {
    this.encoder = new OpusScript(SAMPLE_RATE, 1, OpusScript.Application.AUDIO);
    this.decoder = new OpusScript(SAMPLE_RATE, 1, OpusScript.Application.AUDIO);
  }

  /** One 20 ms frame of PCM16 (shorter frames are padded with silence) to one Opus packet. */
  encode(pcm) {
    const frame = pcm.length === FRAME_BYTES ? pcm : Buffer.concat([pcm, Buffer.alloc(FRAME_BYTES)], FRAME_BYTES);
    return this.encoder.encode(frame, FRAME_SAMPLES);
  }

  /** One Opus packet (any frame size, mono or stereo) to PCM16 mono. */
  decode(packet) {
    return this.decoder.decode(packet);
  }

  delete() {
    this.encoder.delete();
    this.decoder.delete();
  }
}

module.exports = { OpusCodec, SAMPLE_RATE, FRAME_MS, FRAME_BYTES, RTP_TICKS_PER_FRAME };
