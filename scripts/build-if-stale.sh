#!/usr/bin/env bash
# Runs `next build` unless .next was built from exactly the current sources, then completes the standalone folder
# (cheap, and always, so that it holds the current server.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.next/.kube-netmap-build-stamp
sources=$(git ls-files -co --exclude-standard app lib components public proxy.ts package-lock.json next.config.js postcss.config.mjs tsconfig.json 2>/dev/null |
  grep -v '\.test\.ts$' | sort | xargs cat 2>/dev/null | cksum)
if [[ ! -f $stamp || $(cat "$stamp") != "$sources" ]]; then
  npx next build
  echo "$sources" >"$stamp"
fi
node scripts/assemble-standalone.mjs
