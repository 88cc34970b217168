#!/usr/bin/env bash
# `npm run test:e2e`: the Playwright suite against a real API server. With E2E_KUBECONFIG set it uses that
# cluster (kind, minikube, ...) and removes only what it created; otherwise it starts the local control plane
# (scripts/cluster) if it is not running, and then stops it afterwards (E2E_KEEP_CLUSTER=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z ${E2E_KUBECONFIG:-} ]]; then
  # Stop the local cluster afterwards only if this run started it.
  if ! bash scripts/cluster/status.sh >/dev/null 2>&1 && [[ ${E2E_KEEP_CLUSTER:-} != 1 ]]; then
    trap 'bash scripts/cluster/down.sh' EXIT
  fi
  E2E_KUBECONFIG=$(bash scripts/cluster/up.sh | tail -n 1 | sed 's/^KUBECONFIG=//')
  export E2E_KUBECONFIG E2E_LOCAL_CLUSTER=1
fi
bash scripts/with-node.sh bash scripts/build-if-stale.sh
bash scripts/with-node.sh npx playwright test "$@"
