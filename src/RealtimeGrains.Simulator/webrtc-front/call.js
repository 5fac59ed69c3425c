'use strict';
// One call: a werift peer connection answering a browser's offer, with one Opus audio track each way and the
// browser's data channel(s).

const { RTCPeerConnection, RtpHeader, RtpPacket, useOPUS } = require('werift');
const { OpusCodec, FRAME_MS, RTP_TICKS_PER_FRAME } = require('./opus');

// A pause in outbound audio longer than this starts a new talkspurt: the RTP timestamp jumps by the pause (the
// receiver's jitter buffer expects timestamps to follow the wall clock) and the marker bit is set.
const TALKSPURT_GAP_MS = 3 * FRAME_MS;

class Call {
  constructor(id, options, emit, onClosed) {
    this.id = id;
    this.options = options;
    this.emit = emit;
    this.onClosed = onClosed;
    this.codec = new OpusCodec();
    this.channels = [];
    this.transceiver = null;
    this.closed = false;
    this.sequenceNumber = Math.floor(Math.random() * 0xffff);
    this.timestamp = Math.floor(Math.random() * 0xffffffff);
    this.lastSentAt = 0;
    const address = options.iceAddress;
    this.pc = new RTCPeerConnection({
      codecs: { audio: [useOPUS()], video: [] },
      // ICE lite, as the service: the browser (controlling) checks our one host candidate, so an offer without
      // candidates (the preview sample posts it before gathering) still connects through a peer-reflexive pair.
      iceLite: true,
      iceUseIpv6: address.includes(':'),
      iceUseIpv4: !address.includes(':'),
      iceAdditionalHostAddresses: [address],
      iceInterfaceAddresses: address.includes(':') ? { udp6: address } : { udp4: address },
      icePortRange: options.portMin > 0 ? [options.portMin, options.portMax] : undefined,
      // Only the configured address takes part; werift would also pair the machine's other addresses.
      iceFilterCandidatePair: (pair) => pair.localCandidate?.host === address,
    });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') {
        clearTimeout(this.connectTimer);
        this.watchDtls();
        this.emit({ op: 'connected', call: this.id });
      } else if (state === 'failed' || state === 'closed') {
        this.close(`peer connection ${state}`);
      }
    });
    this.pc.onDataChannel.subscribe((channel) => this.attachChannel(channel));
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => this.receiveRtp(rtp));
    });
    this.connectTimer = setTimeout(() => this.close('peer never connected'), options.connectTimeoutMs);
  }

  /** Answers the offer; resolves with the answer SDP carrying its host candidates (no trickle). */
  async answer(sdp) {
    if (typeof sdp !== 'string' || !sdp.startsWith('v=')) {
      throw new Error('The SDP offer is malformed.');
    }

    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    this.transceiver = this.pc.getTransceivers().find((t) => t.kind === 'audio' && !t.rejected) ?? null;
    if (!this.transceiver) {
      throw new Error('The SDP offer has no audio section with Opus.');
    }

    this.transceiver.setDirection('sendrecv');
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await this.gathered();
    return onlyAddress(this.pc.localDescription.sdp, this.options.iceAddress);
  }

  gathered() {
    if (this.pc.iceGatheringState === 'complete') {
      return Promise.resolve();
    }

    return new Promise((resolve) => {
      const { unSubscribe } = this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') {
          unSubscribe();
          resolve();
        }
      });
    });
  }

  /** A DTLS close_notify (what a browser's pc.close() sends) or failure ends the call at once. */
  watchDtls() {
    for (const transport of this.pc.dtlsTransports) {
      transport.onStateChange.subscribe((state) => {
        if (state === 'closed' || state === 'failed') {
          this.close(`DTLS ${state}`);
        }
      });
    }
  }

  attachChannel(channel) {
    this.channels.push(channel);
    let announced = false;
    const announce = () => {
      if (!announced && channel.readyState === 'open') {
        announced = true;
        this.emit({ op: 'open', call: this.id });
      }
    };
    channel.stateChanged.subscribe((state) => {
      announce();
      // A browser's close() ends the SCTP association, and with it every channel.
      if (state === 'closed' && announced && this.channels.every((c) => c.readyState === 'closed')) {
        this.close('data channel closed');
      }
    });
    channel.onMessage.subscribe((data) => {
      this.emit({ op: 'text', call: this.id, text: typeof data === 'string' ? data : data.toString('utf8') });
    });
    announce();
  }

  receiveRtp(rtp) {
    if (this.closed || rtp.payload.length === 0) {
      return;
    }

    let pcm;
    try {
      pcm = this.codec.decode(rtp.payload);
    } catch (error) {
      console.error(`front: call ${this.id}: dropping an undecodable RTP packet: ${error.message}`);
      return;
    }

    this.emit({ op: 'audio', call: this.id, pcm: pcm.toString('base64') });
  }

  sendText(text) {
    for (const channel of this.channels) {
      if (channel.readyState === 'open') {
        channel.send(text);
      }
    }
  }

  /** Sends one 20 ms frame now; C# paces the frames in real time. */
  sendAudio(pcm) {
    if (this.closed || !this.transceiver) {
      return;
    }

    const now = Date.now();
    const gap = this.lastSentAt === 0 ? Infinity : now - this.lastSentAt;
    const marker = gap > TALKSPURT_GAP_MS;
    this.timestamp = (this.timestamp + (marker && gap !== Infinity
      ? Math.round(gap / FRAME_MS) * RTP_TICKS_PER_FRAME
      : RTP_TICKS_PER_FRAME)) >>> 0;
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.lastSentAt = now;
    const header = new RtpHeader({ sequenceNumber: this.sequenceNumber, timestamp: this.timestamp, marker, payloadType: 111 });
    this.transceiver.sender.sendRtp(new RtpPacket(header, this.codec.encode(pcm))).catch((error) => {
      console.error(`front: call ${this.id}: RTP send failed: ${error.message}`);
    });
  }

  /** Ends the call; C# is told (op "ended") unless it never got an answer for it. */
  close(reason, notify = true) {
    if (this.closed) {
      return;
    }

    this.closed = true;
    clearTimeout(this.connectTimer);
    if (notify) {
      this.emit({ op: 'ended', call: this.id, reason });
    }

    this.onClosed();
    this.pc.close().catch(() => {}).finally(() => this.codec.delete());
  }
}

/** Keeps only the candidates on the configured address (werift also gathers the machine's other addresses). */
function onlyAddress(sdp, address) {
  return sdp
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate:') || line.split(' ')[4] === address)
    .join('\r\n');
}

module.exports = { Call };
