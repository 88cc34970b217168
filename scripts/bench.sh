#!/usr/bin/env bash
# `npm run bench [-- --pods N]`: every benchmark, each printing its figures with their targets and PASS or MISS.
# --pods sizes the benchmarks that have a size: the engine's model (5,000 pods by default) and the map's cluster
# (2,000). The soak, at scale too, is apart: `npm run bench:soak -- --pods N`.
set -euo pipefail
cd "$(dirname "$0")/.."
pods=()
while (($#)); do
  case $1 in
    --pods) pods=(--pods "${2:?--pods needs a number}"); shift 2 ;;
    --pods=*) pods=(--pods "${1#--pods=}"); shift ;;
    *) echo "npm run bench: unknown option $1 (it takes --pods N)" >&2; exit 2 ;;
  esac
done
node --import tsx bench/engine.ts "${pods[@]}"
node --import tsx bench/connectivity.ts --workloads 1000
node --import tsx bench/connectivity.ts
node --expose-gc --import tsx bench/snapshot-serving.ts
node bench/sse-latency.ts
node bench/ui.ts "${pods[@]}"
node --import tsx bench/restart.ts
node bench/cli-start.ts
