#!/usr/bin/env bash
# `npm start`: install dependencies if needed, build if the sources changed, and serve on 127.0.0.1:3000
# (HOST and PORT change that).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
# Telemetry would try to reach the internet; kube-netmap must work on closed networks.
export NEXT_TELEMETRY_DISABLED=1
[[ -d node_modules ]] || npm ci --no-audit --no-fund
stamp=.next/.kube-netmap-build-stamp
sources=$(git ls-files -co --exclude-standard app lib components package-lock.json next.config.js 2>/dev/null | sort | xargs cat 2>/dev/null | cksum)
if [[ ! -f $stamp || $(cat "$stamp") != "$sources" ]]; then
  npx next build
  echo "$sources" >"$stamp"
fi
exec npx next start --hostname "${HOST:-127.0.0.1}" --port "${PORT:-3000}"
