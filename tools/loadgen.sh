#!/usr/bin/env bash
# The end-to-end scale benchmark in one command (issue 7): builds the host and the load generator in Release, installs
# the Node SignalR driver's packages and dotnet-trace (for the host profile) when missing, then runs
# `RealtimeGrains.LoadGen compare`, which starts the simulator, the pass-through relay and the host on loopback, runs the
# same sessions on every path at every count, prints the tables and writes the plot to docs/loadgen-scaling.svg.
# Settings: SESSIONS (100,250,500,1000), HOLD (30s), RAMP_UP (10s), PATHS (direct,relay,gateway), TRACE_AT (250),
# SVG (docs/loadgen-scaling.svg); other arguments go to `compare` (e.g. --chunk-ms 40 --state-store Memory).
# Against another build of the host as well (path gateway-baseline, alternating with the current build at every count):
#   BASELINE_HOST=/path/to/RealtimeGrains.Host.dll   a build you made, or
#   BASELINE_REF=c27eca8                              a commit: exported with `git archive` (the repository and its git
#                                                     metadata are not touched) into BASELINE_DIR (default
#                                                     ${TMPDIR:-/tmp}/rg-baseline-<commit>) and built in Release there once.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/loadgen
mkdir -p "$out"

dotnet build -c Release -nologo -v q src/RealtimeGrains.Host
dotnet build -c Release -nologo -v q tools/RealtimeGrains.LoadGen
if [ ! -d tools/loadgen-js/node_modules ]; then
  (cd tools/loadgen-js && npm ci --no-audit --no-fund --loglevel=error)
fi

baseline_host="${BASELINE_HOST:-}"
if [ -z "$baseline_host" ] && [ -n "${BASELINE_REF:-}" ]; then
  baseline_sha=$(git rev-parse --short=12 "${BASELINE_REF}^{commit}")
  baseline_dir="${BASELINE_DIR:-${TMPDIR:-/tmp}/rg-baseline-$baseline_sha}"
  case "$(realpath -m "$baseline_dir")/" in
    "$PWD"/*) echo "BASELINE_DIR must be outside the repository ($PWD)" >&2; exit 2 ;;
  esac
  baseline_host="$baseline_dir/src/RealtimeGrains.Host/bin/Release/net10.0/RealtimeGrains.Host.dll"
  if [ ! -f "$baseline_host" ]; then
    echo "Building the baseline host ($BASELINE_REF = $baseline_sha) in $baseline_dir ..."
    mkdir -p "$baseline_dir"
    git archive "$baseline_sha" | tar -x -C "$baseline_dir"
    if [ -d src/RealtimeGrains.Host/node_modules ] && [ ! -d "$baseline_dir/src/RealtimeGrains.Host/node_modules" ]; then
      cp -r src/RealtimeGrains.Host/node_modules "$baseline_dir/src/RealtimeGrains.Host/"
    fi
    dotnet build -c Release -nologo -v q "$baseline_dir/src/RealtimeGrains.Host"
  fi
fi

trace_tool=""
if command -v dotnet-trace >/dev/null 2>&1; then
  trace_tool=$(command -v dotnet-trace)
elif [ -x artifacts/tools/dotnet-trace ] || dotnet tool install --tool-path artifacts/tools dotnet-trace >/dev/null 2>&1; then
  trace_tool=artifacts/tools/dotnet-trace
fi

args=(compare --sessions "${SESSIONS:-100,250,500,1000}" --hold "${HOLD:-30s}" --ramp-up "${RAMP_UP:-10s}"
      --paths "${PATHS:-direct,relay,gateway}" --svg "${SVG:-docs/loadgen-scaling.svg}"
      --markdown "$out/results.md" --json "$out/results.json" --trace-dir "$out")
if [ -n "$baseline_host" ]; then
  args+=(--baseline-host "$baseline_host")
fi
if [ -n "$trace_tool" ]; then
  args+=(--dotnet-trace "$trace_tool" --trace-at "${TRACE_AT:-250}")
fi

exec dotnet tools/RealtimeGrains.LoadGen/bin/Release/net10.0/RealtimeGrains.LoadGen.dll "${args[@]}" "$@"
