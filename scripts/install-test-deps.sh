#!/usr/bin/env bash
# Installs, idempotently, what the test suite needs beyond the .NET SDK. Safe to run repeatedly.
set -euo pipefail

# npm ci in DIR (relative to the repository root) from its committed lock file, skipped while node_modules is newer
# than the lock file. Also used by scripts/cluster.sh, which sources this file for it.
npm_ci_if_stale() {
  if [ ! "$1/node_modules/.package-lock.json" -nt "$1/package-lock.json" ]; then
    echo "== npm ci ($1)"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
# Sourced: define the helper only.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then return 0; fi

cd "$(dirname "$0")/.."

apt_packages=()
need_apt() { dpkg -s "$1" >/dev/null 2>&1 || apt_packages+=("$1"); }
# Debian packages the suites need (real servers and browsers, never mocks of them).
required=(chromium)
for pkg in "${required[@]}"; do need_apt "$pkg"; done
# Node (for the SignalR test clients, the sample page bundle and Azurite) only when none is on the PATH.
command -v npm >/dev/null 2>&1 || { need_apt nodejs; need_apt npm; }

if [ "${#apt_packages[@]}" -gt 0 ]; then
  echo "== installing: ${apt_packages[*]}"
  if [ "$(id -u)" -ne 0 ]; then echo "error: need root to apt-get install ${apt_packages[*]}" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

# Node clients of the gateway tests, the sample page's SignalR bundle, the simulator's WebRTC media front and Azurite (the Azure Storage emulator the
# storage tests start as a real process, see tests/RealtimeGrains.TestKit.Azurite): npm ci from the committed lock
# files, skipped while node_modules is newer than the lock file.
for dir in tests/js src/RealtimeGrains.Host src/RealtimeGrains.Simulator/webrtc-front tests/azurite; do npm_ci_if_stale "$dir"; done

echo "== restore"
dotnet restore RealtimeGrains.sln -nologo -v quiet
