#!/usr/bin/env bash
# Runs a command with Node >= 22.19 first on PATH (see ensure-node.sh) and the npm dependencies installed. Every
# npm script goes through this, so `npm start` and `npm test` work on a fresh clone and on an older system Node.
set -euo pipefail
source "$(dirname "$0")/ensure-node.sh"
# Telemetry would try to reach the internet; kube-netmap must work on closed networks.
export NEXT_TELEMETRY_DISABLED=1
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ ! -f $root/node_modules/.package-lock.json || $root/package-lock.json -nt $root/node_modules/.package-lock.json ]]; then
  (cd "$root" && npm ci --no-audit --no-fund >&2)
fi
exec "$@"
