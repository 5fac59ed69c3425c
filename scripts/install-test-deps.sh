#!/usr/bin/env bash
# Installs, idempotently, what the test suite needs beyond the .NET SDK. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
need_apt() { dpkg -s "$1" >/dev/null 2>&1 || apt_packages+=("$1"); }
# Debian packages the suites need (real servers and browsers, never mocks of them).
required=()
for pkg in "${required[@]}"; do need_apt "$pkg"; done

if [ "${#apt_packages[@]}" -gt 0 ]; then
  echo "== installing: ${apt_packages[*]}"
  if [ "$(id -u)" -ne 0 ]; then echo "error: need root to apt-get install ${apt_packages[*]}" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

echo "== restore"
dotnet restore RealtimeGrains.sln -nologo -v quiet
