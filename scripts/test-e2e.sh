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
# The chart's checks (e2e/helm-chart.spec.ts) run helm, built from its Go module (cached; skipped without Go), and
# kubectl: the local control plane's, else the one on PATH.
if [[ -z ${E2E_HELM:-} ]] && command -v go >/dev/null; then
  E2E_HELM=$(bash scripts/cluster/build-helm.sh | tail -n 1)
  export E2E_HELM
fi
if [[ -z ${E2E_KUBECTL:-} ]]; then
  if [[ ${E2E_LOCAL_CLUSTER:-} == 1 ]]; then E2E_KUBECTL="$(bash scripts/cluster/build-binaries.sh | tail -n 1)/kubectl"; else E2E_KUBECTL=$(command -v kubectl || true); fi
  export E2E_KUBECTL
fi
bash scripts/with-node.sh bash scripts/build-if-stale.sh
bash scripts/with-node.sh npx playwright test "$@"
