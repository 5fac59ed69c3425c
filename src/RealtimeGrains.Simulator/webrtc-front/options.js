'use strict';
// Command-line options of the front, set by the C# simulator from RealtimeSimulator:WebRtc.

function parseOptions(argv) {
  const options = { iceAddress: '127.0.0.1', portMin: 0, portMax: 0, connectTimeoutMs: 30000 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--ice-address':
        options.iceAddress = value;
        break;
      case '--port-min':
        options.portMin = Number(value);
        break;
      case '--port-max':
        options.portMax = Number(value);
        break;
      case '--connect-timeout-ms':
        options.connectTimeoutMs = Number(value);
        break;
      default:
        throw new Error(`front: unknown option ${argv[i]}`);
    }
  }

  return options;
}

module.exports = { parseOptions };
