#!/usr/bin/env bash
# Runs a command with Node >= 22.19 first on PATH (see ensure-node.sh). Every npm script goes through this, so
# `npm start` and `npm test` work on a machine whose own Node is older.
set -euo pipefail
source "$(dirname "$0")/ensure-node.sh"
# Telemetry would try to reach the internet; kube-netmap must work on closed networks.
export NEXT_TELEMETRY_DISABLED=1
exec "$@"
