#!/usr/bin/env bash
# Builds helm from its Go module at the pinned version, into the same cache as the control plane's binaries, keyed
# by version. The chart's checks (e2e/helm-chart.spec.ts) use it. A warm cache makes this a no-op.
# Prints the helm binary's path as its last line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.sh
source "$here/versions.sh"

cache_root=${KUBE_NETMAP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-netmap}
bin_dir="$cache_root/bin/helm-$HELM_VERSION"
helm="$bin_dir/helm"
if [[ ! -x $helm ]]; then
  command -v go >/dev/null || { echo "Go is required to build helm (https://go.dev/dl/)." >&2; exit 1; }
  echo "[build-helm] building helm $HELM_VERSION (cold build: several minutes)" >&2
  mod="$cache_root/build/helm-$HELM_VERSION"
  mkdir -p "$mod" "$bin_dir"
  printf 'module kube-netmap.local/helm-binary\n\ngo 1.26.0\n\nrequire helm.sh/helm/v4 %s\n\ntool helm.sh/helm/v4/cmd/helm\n' "$HELM_VERSION" >"$mod/go.mod"
  # Built into a temporary name and moved, so an interrupted build never leaves a broken binary in the cache.
  (cd "$mod" && GOFLAGS=-mod=mod CGO_ENABLED=0 go mod tidy >&2 &&
    GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -o "$helm.partial" \
      -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION" helm.sh/helm/v4/cmd/helm)
  mv "$helm.partial" "$helm"
fi
echo "$helm"
