// What the listener hears, measured the same way in both modes: an analyser on the played audio, polled every 20 ms.
// `marks` times a turn: the page sets `sentAt` when it sends a question, the first loud frame after it sets `firstAudioAt`
// (the benchmark and the tests read both through window.realtimeGrains).
const QUIET_RMS = 0.005;

export const marks = { sentAt: 0, firstAudioAt: 0 };

/** Polls `analyser`; counts loud frames into `stats` (`maxRms`, `loudFrames`, `lastLoudAt`). Returns the timer. */
export function monitorLevel(analyser, stats) {
  const samples = new Float32Array(analyser.fftSize);
  return setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    const rms = Math.sqrt(sum / samples.length);
    stats.maxRms = Math.max(stats.maxRms ?? 0, rms);
    if (rms > QUIET_RMS) {
      const now = performance.now();
      stats.loudFrames = (stats.loudFrames ?? 0) + 1;
      stats.lastLoudAt = now;
      if (marks.sentAt && !marks.firstAudioAt) marks.firstAudioAt = now;
    }
  }, 20);
}
