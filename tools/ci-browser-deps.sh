#!/usr/bin/env bash
# The browser the web page tests drive (apps/web, playwright-core with executablePath
# /usr/bin/chromium): Debian's Chromium package, installed only when it is missing.
# `.ci/run` calls this before the tests. Never `playwright install`: the tests use the system browser.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  exit 0
fi

sudo=''
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo 'ci-browser-deps: need root or sudo to install chromium' >&2; exit 1; }
  sudo='sudo'
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium; } >"$log" 2>&1; then
  echo 'ci-browser-deps: installing chromium with apt-get failed:' >&2
  tail -n 30 "$log" >&2
  exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  echo 'ci-browser-deps: chromium installed, but /usr/bin/chromium is missing' >&2
  exit 1
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo installed)"
