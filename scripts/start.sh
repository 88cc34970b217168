#!/usr/bin/env bash
# `npm start`: build if the sources changed, then serve on 127.0.0.1:3000 (HOST and PORT change that).
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash scripts/with-node.sh bash -c 'bash scripts/build-if-stale.sh && exec node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON server.ts --hostname "${HOST:-127.0.0.1}" --port "${PORT:-3000}"'
