#!/usr/bin/env bash
# `npm start`: install dependencies if needed, build if the sources changed, and serve on 127.0.0.1:3000
# (HOST and PORT change that).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
# Telemetry would try to reach the internet; kube-netmap must work on closed networks.
export NEXT_TELEMETRY_DISABLED=1
[[ -d node_modules ]] || npm ci --no-audit --no-fund
bash scripts/build-if-stale.sh
exec npx next start --hostname "${HOST:-127.0.0.1}" --port "${PORT:-3000}"
