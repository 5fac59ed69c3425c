#!/usr/bin/env bash
# The end-to-end scale benchmark in one command (issue 7): builds the host and the load generator in Release, installs
# the Node SignalR driver's packages and dotnet-trace (for the host profile) when missing, then runs
# `RealtimeGrains.LoadGen compare`, which starts the simulator, the pass-through relay and the host on loopback, runs the
# same sessions on every path at every count, prints the tables and writes the plot to docs/loadgen-scaling.svg.
# Extra arguments go to `compare` (e.g. --sessions 100,250 --hold 10s --paths direct,relay,gateway,signalr).
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/loadgen
mkdir -p "$out"

dotnet build -c Release -nologo -v q src/RealtimeGrains.Host
dotnet build -c Release -nologo -v q tools/RealtimeGrains.LoadGen
if [ ! -d tools/loadgen-js/node_modules ]; then
  (cd tools/loadgen-js && npm ci --no-audit --no-fund --loglevel=error)
fi

trace_tool=""
if command -v dotnet-trace >/dev/null 2>&1; then
  trace_tool=$(command -v dotnet-trace)
elif [ -x artifacts/tools/dotnet-trace ] || dotnet tool install --tool-path artifacts/tools dotnet-trace >/dev/null 2>&1; then
  trace_tool=artifacts/tools/dotnet-trace
fi

args=(compare --sessions 100,250,500,1000 --hold 30s --ramp-up 10s
      --svg docs/loadgen-scaling.svg --markdown "$out/results.md" --json "$out/results.json" --trace-dir "$out")
if [ -n "$trace_tool" ]; then
  args+=(--dotnet-trace "$trace_tool" --trace-at 250)
fi

exec dotnet tools/RealtimeGrains.LoadGen/bin/Release/net10.0/RealtimeGrains.LoadGen.dll "${args[@]}" "$@"
