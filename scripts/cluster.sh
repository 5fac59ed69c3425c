#!/usr/bin/env bash
# A RealtimeGrains cluster on this machine, loopback only, in one command: Azurite (blob + table: the membership table
# and grain state; data in a temporary folder), one simulator every silo shares as its upstream, and 3 host silos
# (Orleans membership in Azure Table, state in Azure Blob, one token signing key and one server credential), each
# co-hosting the gateway. Prints where to point clients, then stays in the foreground until Ctrl-C / SIGTERM and stops
# everything it started (silos first; SIGTERM, then SIGKILL after a deadline) and removes the temporary folder.
#
# Usage: bash scripts/cluster.sh [--check] [--no-build]
#   --check     smoke mode (or CLUSTER_CHECK=1): start everything, mint a token on every silo (HTTP 200 expected),
#               stop, exit 0 if every silo answered 200 and every process stopped cleanly (status 0), 1 otherwise.
#   --no-build  use the Release builds already in bin/ (or CLUSTER_NO_BUILD=1).
# Settings: PORTS        HTTP ports of the silos, one silo per port (default "5001,5002,5003"; commas or spaces)
#           START_TIMEOUT seconds each process may take to answer (default 120)
#           STOP_TIMEOUT  seconds between SIGTERM and SIGKILL when stopping (default 20)
# Logs: artifacts/cluster/{azurite,simulator,silo-N}.log (overwritten by each run).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

check="${CLUSTER_CHECK:-0}"
build=1
[ "${CLUSTER_NO_BUILD:-0}" = 1 ] && build=0
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "cluster.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

read -r -a http_ports <<<"$(echo "${PORTS:-5001,5002,5003}" | tr ',' ' ')"
start_timeout="${START_TIMEOUT:-120}"
stop_timeout="${STOP_TIMEOUT:-20}"
[ "${#http_ports[@]}" -ge 1 ] || { echo "cluster.sh: PORTS names no port" >&2; exit 2; }
for p in "${http_ports[@]}"; do
  [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -ge 1 ] && [ "$p" -le 65535 ] || { echo "cluster.sh: PORTS: '$p' is not a port" >&2; exit 2; }
done
for tool in curl node dotnet; do
  command -v "$tool" >/dev/null 2>&1 || { echo "cluster.sh: '$tool' is not on the PATH (bash scripts/install-test-deps.sh installs node)" >&2; exit 1; }
done

logs=artifacts/cluster
mkdir -p "$logs"
host_dir="$root/src/RealtimeGrains.Host/bin/Release/net10.0"
simulator_dir="$root/src/RealtimeGrains.Simulator.Server/bin/Release/net10.0"
azurite_js="$root/tests/azurite/node_modules/azurite/dist/src/azurite.js"

# --- processes this script started, all stopped on any exit (silos first) -----------------------------------------
pids=()      # every child, in start order
names=()     # its name, same index
tmp=""
stopping=0
unclean=0    # children that did not end with status 0 when stopped

stop_all() {
  local status=$?
  [ "$stopping" = 1 ] && return
  stopping=1
  trap '' INT TERM # the stop is bounded (STOP_TIMEOUT per group); a second Ctrl-C must not orphan the children
  if [ "${#pids[@]}" -gt 0 ]; then
    echo "== stopping (SIGTERM, SIGKILL after ${stop_timeout}s)"
    # Silos first, together: leaving the cluster gracefully they still write to Azurite and close upstream sessions.
    local i silos=() rest=()
    for i in "${!pids[@]}"; do
      if [[ "${names[$i]}" == silo-* ]]; then silos+=("$i"); else rest+=("$i"); fi
    done
    # stderr aside: bash's own "Aborted"-style job notices would repeat, less clearly, what stop_group reports.
    { stop_group "${silos[@]}"; stop_group "${rest[@]}"; } 2>/dev/null
  fi
  if [ -n "$tmp" ] && [ -d "$tmp" ]; then rm -rf "$tmp"; fi
  # The smoke check includes a clean stop: a silo that crashes on SIGTERM fails it.
  if [ "$check" = 1 ] && [ "$status" -eq 0 ] && [ "$unclean" -gt 0 ]; then
    echo "== check FAILED: $unclean processes did not stop cleanly (see above)" >&2
    status=1
  elif [ "$check" = 1 ] && [ "$status" -eq 0 ]; then
    echo "== check passed"
  fi
  exit "$status"
}

# stop_group INDEX...: SIGTERM to each of these children, wait up to STOP_TIMEOUT for all, then SIGKILL what is left.
# Reports how each one ended; one that did not end with status 0 on SIGTERM is counted in `unclean`.
stop_group() {
  local i waited=0 running st
  for i in "$@"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then kill -TERM "${pids[$i]}" 2>/dev/null || true; fi
  done
  while :; do
    running=()
    for i in "$@"; do kill -0 "${pids[$i]}" 2>/dev/null && running+=("$i"); done
    [ "${#running[@]}" -eq 0 ] && break
    if [ "$waited" -ge $((stop_timeout * 10)) ]; then
      for i in "${running[@]}"; do
        echo "   ${names[$i]} (pid ${pids[$i]}) still running after ${stop_timeout}s: SIGKILL"
        kill -KILL "${pids[$i]}" 2>/dev/null || true
      done
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  for i in "$@"; do
    st=0
    wait "${pids[$i]}" || st=$?
    if [ "$st" -eq 0 ]; then
      echo "   stopped ${names[$i]}"
    else
      unclean=$((unclean + 1))
      if [ "$st" -gt 128 ]; then
        echo "   ${names[$i]} ended on signal $((st - 128)) ($(kill -l $((st - 128)) 2>/dev/null || echo '?')), not cleanly; see $logs/${names[$i]}.log"
      else
        echo "   ${names[$i]} ended with status $st, not cleanly; see $logs/${names[$i]}.log"
      fi
    fi
  done
  return 0
}

trap stop_all EXIT
trap 'echo; exit 130' INT
trap 'exit 143' TERM

# --- helpers ---------------------------------------------------------------------------------------------------------
declare -A taken=()
# free_port VAR: sets VAR to a port nothing listens on (below Linux's ephemeral range, so outgoing connections do not
# hold it), never one this script already handed out. Checked, not reserved: a process that takes it before ours does
# makes that child fail with a clear log. (Not called as $(free_port): the subshell would forget `taken`.)
free_port() {
  local port tries=0
  while [ "$tries" -lt 200 ]; do
    port=$((20000 + RANDOM % 12000))
    tries=$((tries + 1))
    [ -n "${taken[$port]:-}" ] && continue
    if ! listening "$port"; then
      taken[$port]=1
      printf -v "$1" '%s' "$port"
      return 0
    fi
  done
  echo "cluster.sh: found no free loopback port" >&2
  return 1
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# start NAME LOG DIR COMMAND...: runs COMMAND in DIR, output to LOG, and records its pid.
start() {
  local name=$1 log=$2 dir=$3
  shift 3
  (cd "$dir" && exec "$@") >"$log" 2>&1 </dev/null &
  pids+=("$!")
  names+=("$name")
  echo "   started $name (pid $!, log $log)"
}

# log_tail LOG: ", which ends with:" and its last lines, indented, or " (empty)".
log_tail() {
  if [ -s "$1" ]; then printf ', which ends with:\n'; tail -n 25 "$1" | sed 's/^/   | /'; else printf ' (empty)'; fi
}

# wait_http NAME URL PID LOG: until URL answers any HTTP status, with a deadline; fails naming LOG.
wait_http() {
  local name=$1 url=$2 pid=$3 log=$4 started=$SECONDS next=5 code
  while :; do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" 2>/dev/null || true)
    if [ -n "$code" ] && [ "$code" != 000 ]; then
      echo "   $name answers on $url (HTTP $code, $((SECONDS - started))s)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "cluster.sh: $name exited before answering on $url; see $log$(log_tail "$log")" >&2
      return 1
    fi
    if [ $((SECONDS - started)) -ge "$start_timeout" ]; then
      echo "cluster.sh: $name did not answer on $url within ${start_timeout}s; see $log$(log_tail "$log")" >&2
      return 1
    fi
    if [ $((SECONDS - started)) -ge "$next" ]; then
      echo "   … waiting for $name on $url ($((SECONDS - started))s of ${start_timeout}s)"
      next=$((next + 5))
    fi
    sleep 0.25
  done
}

# mint SILO_URL: prints the HTTP status of POST /v1/realtime/sessions with the server credential.
mint() {
  curl -s -o "$tmp/token.json" -m 10 -w '%{http_code}' -X POST "$1/v1/realtime/sessions" \
    -H "api-key: $credential" -H 'Content-Type: application/json' -d '{}' 2>/dev/null || true
}

# --- build and install -----------------------------------------------------------------------------------------------
for p in "${http_ports[@]}"; do
  if [ -n "${taken[$p]:-}" ]; then
    echo "cluster.sh: PORTS names $p twice" >&2
    exit 2
  fi
  if listening "$p"; then
    echo "cluster.sh: something already listens on 127.0.0.1:$p; stop it or give other ports, e.g. PORTS=6001,6002,6003 (see --help)" >&2
    exit 1
  fi
  taken[$p]=1
done

if [ "$build" = 1 ]; then
  echo "== build (Release)"
  dotnet build -c Release -nologo -v q -clp:ErrorsOnly src/RealtimeGrains.Host
  dotnet build -c Release -nologo -v q -clp:ErrorsOnly src/RealtimeGrains.Simulator.Server
fi
for dll in "$host_dir/RealtimeGrains.Host.dll" "$simulator_dir/RealtimeGrains.Simulator.Server.dll"; do
  [ -f "$dll" ] || { echo "cluster.sh: $dll is missing (run without --no-build)" >&2; exit 1; }
done
if [ ! -f "$azurite_js" ] || [ ! "tests/azurite/node_modules/.package-lock.json" -nt "tests/azurite/package-lock.json" ]; then
  # shellcheck source=install-test-deps.sh
  source scripts/install-test-deps.sh
  npm_ci_if_stale tests/azurite
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-cluster.XXXXXX")

# --- Azurite ---------------------------------------------------------------------------------------------------------
free_port blob_port; free_port queue_port; free_port table_port
echo "== Azurite (blob :$blob_port, table :$table_port, queue :$queue_port; data in $tmp/azurite)"
mkdir -p "$tmp/azurite"
start azurite "$logs/azurite.log" "$tmp/azurite" node "$azurite_js" --silent --location "$tmp/azurite" \
  --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
  --tableHost 127.0.0.1 --tablePort "$table_port"
azurite_pid=${pids[-1]}
wait_http "Azurite blob" "http://127.0.0.1:$blob_port/devstoreaccount1?comp=list" "$azurite_pid" "$logs/azurite.log"
wait_http "Azurite table" "http://127.0.0.1:$table_port/devstoreaccount1/Tables" "$azurite_pid" "$logs/azurite.log"
# The well-known development account of every Azurite (public, not a secret).
account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"

# --- simulator -------------------------------------------------------------------------------------------------------
free_port sim_port
sim_key="sim-$(random_hex 16)"
echo "== simulator (:$sim_port)"
# Rules: the sample page's weather tool (as the host's in-process simulator has it) and the load generator's get_time tool.
start simulator "$logs/simulator.log" "$simulator_dir" dotnet RealtimeGrains.Simulator.Server.dll \
  --urls "http://127.0.0.1:$sim_port" \
  --RealtimeSimulator:ApiKeys:0="$sim_key" \
  --RealtimeSimulator:RecordSessions=false \
  --RealtimeSimulator:Rules:0:Regex='weather in (?<city>\w+)' \
  --RealtimeSimulator:Rules:0:AfterToolReply='It is {output} in ${city}.' \
  --RealtimeSimulator:Rules:0:FunctionCalls:0:Name=get_weather \
  --RealtimeSimulator:Rules:0:FunctionCalls:0:Arguments='{"city":"${city}"}' \
  --RealtimeSimulator:Rules:1:Contains=time \
  --RealtimeSimulator:Rules:1:AfterToolReply='It is {output}.' \
  --RealtimeSimulator:Rules:1:FunctionCalls:0:Name=get_time \
  --RealtimeSimulator:Rules:1:FunctionCalls:0:Arguments='{}'
wait_http simulator "http://127.0.0.1:$sim_port/" "${pids[-1]}" "$logs/simulator.log"

# --- silos -----------------------------------------------------------------------------------------------------------
signing_key=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
credential="local-demo-$(random_hex 16)"
silo_pids=()
silo_urls=()
echo "== ${#http_ports[@]} silos (Azure Table membership, Azure Blob state, one signing key)"
for i in "${!http_ports[@]}"; do
  n=$((i + 1))
  url="http://127.0.0.1:${http_ports[$i]}"
  free_port silo_port
  # Started in the build folder: it is the content root, so the sample page (wwwroot) is served.
  start "silo-$n" "$logs/silo-$n.log" "$host_dir" dotnet RealtimeGrains.Host.dll \
    --urls="$url" \
    --Host:Clustering=AzureTable \
    --Host:StateStore=AzureBlob \
    --Host:AzureStorage:ConnectionString="$storage" \
    --Host:SiloPort="$silo_port" \
    --Host:AdvertisedAddress=127.0.0.1 \
    --Host:SiloName="silo-$n" \
    --Host:InProcessSimulator=false \
    --Upstream:Endpoint="http://127.0.0.1:$sim_port" \
    --Upstream:ApiKey="$sim_key" \
    --Gateway:TokenSigningKey="$signing_key" \
    --Gateway:ServerCredentials:0="$credential"
  silo_pids+=("${pids[-1]}")
  silo_urls+=("$url")
done
for i in "${!silo_urls[@]}"; do
  wait_http "silo-$((i + 1))" "${silo_urls[$i]}/" "${silo_pids[$i]}" "$logs/silo-$((i + 1)).log"
done

# --- check mode ------------------------------------------------------------------------------------------------------
if [ "$check" = 1 ]; then
  echo "== check: mint a client token on every silo"
  failed=0
  for i in "${!silo_urls[@]}"; do
    code=$(mint "${silo_urls[$i]}")
    if [ "$code" = 200 ] && grep -q '"client_secret"' "$tmp/token.json"; then
      echo "   silo-$((i + 1)) POST ${silo_urls[$i]}/v1/realtime/sessions -> 200, client_secret returned"
    else
      echo "   silo-$((i + 1)) POST ${silo_urls[$i]}/v1/realtime/sessions -> ${code:-no answer} (expected 200; see $logs/silo-$((i + 1)).log)" >&2
      failed=1
    fi
  done
  if [ "$failed" = 0 ]; then echo "== check: every silo minted a token; stopping"; else echo "== check FAILED: not every silo minted a token" >&2; fi
  exit "$failed"
fi

# --- where to point clients ------------------------------------------------------------------------------------------
joined=$(IFS=,; echo "${silo_urls[*]}")
page_code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "${silo_urls[0]}/" || true)
cat <<EOF

RealtimeGrains cluster is running: ${#silo_urls[@]} silos, one simulator, Azurite — all on 127.0.0.1.
  silos:             ${silo_urls[*]}
  sample page:       ${silo_urls[0]}/$([ "$page_code" = 200 ] || echo "  (answered HTTP $page_code: the page is not in $host_dir/wwwroot)")
                     (any silo serves it; reload it on another silo and the session resumes there)
  server credential: $credential
                     (local, random and thrown away when this script stops; printed because this is a local demo)
  mint a token:      curl -s -X POST ${silo_urls[0]}/v1/realtime/sessions -H 'api-key: $credential' -H 'Content-Type: application/json' -d '{}'
  load, spread:      dotnet run -c Release --project tools/RealtimeGrains.LoadGen -- run --url $joined --server-credential $credential --sessions 30 --hold 30s
  logs:              $logs/{azurite,simulator,silo-1..${#silo_urls[@]}}.log
Ctrl-C stops everything.
EOF

# --- foreground until Ctrl-C / SIGTERM -------------------------------------------------------------------------------
declare -A reported=()
while :; do
  alive=0
  for i in "${!pids[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      [[ "${names[$i]}" == silo-* ]] && alive=$((alive + 1))
    elif [ -z "${reported[$i]:-}" ]; then
      reported[$i]=1
      echo "!! ${names[$i]} (pid ${pids[$i]}) exited; its log is $logs/${names[$i]}.log"
    fi
  done
  if [ "$alive" -eq 0 ]; then
    echo "cluster.sh: no silo is running any more" >&2
    exit 1
  fi
  sleep 1 &
  wait $! || true
done
