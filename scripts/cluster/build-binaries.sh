#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl and kwok from Go modules at the
# pinned versions, into a cache outside the repo keyed by version. A warm cache makes this a no-op.
# Prints the bin directory as its last line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.sh
source "$here/versions.sh"

cache_root=${KUBE_NETMAP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-netmap}
bin_dir="$cache_root/bin/k8s-$KUBERNETES_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION"
build_dir="$cache_root/build"
mkdir -p "$bin_dir" "$build_dir"

log() { echo "[build-binaries] $*" >&2; }
command -v go >/dev/null || { echo "Go is required to build the local control plane (https://go.dev/dl/)." >&2; exit 1; }

export GOFLAGS=-mod=mod
export CGO_ENABLED=0

kube_components=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
staging_modules=(api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider
  cluster-bootstrap code-generator component-base component-helpers controller-manager cri-api cri-client
  cri-streaming csi-translation-lib dynamic-resource-allocation endpointslice externaljwt kms kube-aggregator
  kube-controller-manager kube-proxy kube-scheduler kubectl kubelet metrics mount-utils pod-security-admission
  sample-apiserver sample-cli-plugin sample-controller streaming)

build_kubernetes() {
  local missing=()
  for c in "${kube_components[@]}"; do [[ -x "$bin_dir/$c" ]] || missing+=("$c"); done
  [[ ${#missing[@]} -eq 0 ]] && return
  log "building ${missing[*]} $KUBERNETES_VERSION (cold build: several minutes)"
  local mod="$build_dir/kubernetes-$KUBERNETES_VERSION"
  mkdir -p "$mod"
  {
    echo "module kube-netmap.local/kubernetes-binaries"
    echo
    echo "go 1.26.0"
    echo
    echo "require k8s.io/kubernetes $KUBERNETES_VERSION"
    echo
    # k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with ./staging paths, which only
    # exist in its own repo; point each at the matching published release instead.
    for m in "${staging_modules[@]}"; do echo "replace k8s.io/$m => k8s.io/$m $KUBERNETES_STAGING_VERSION"; done
    for c in "${kube_components[@]}"; do echo "tool k8s.io/kubernetes/cmd/$c"; done
  } >"$mod/go.mod"
  (cd "$mod" && go mod tidy >&2)
  local pkgs=()
  for c in "${missing[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done
  local minor=${KUBERNETES_VERSION#v1.}; minor=${minor%%.*}
  (cd "$mod" && go build -trimpath -o "$bin_dir/" -ldflags "-s -w \
      -X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION \
      -X k8s.io/component-base/version.gitMajor=1 \
      -X k8s.io/component-base/version.gitMinor=$minor \
      -X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION" "${pkgs[@]}")
}

build_etcd() {
  [[ -x "$bin_dir/etcd" ]] && return
  log "building etcd $ETCD_VERSION"
  local mod="$build_dir/etcd-$ETCD_VERSION"
  mkdir -p "$mod"
  printf 'module kube-netmap.local/etcd-binary\n\ngo 1.26.0\n\nrequire go.etcd.io/etcd/server/v3 %s\n\ntool go.etcd.io/etcd/server/v3\n' \
    "$ETCD_VERSION" >"$mod/go.mod"
  (cd "$mod" && go mod tidy >&2 && go build -trimpath -ldflags "-s -w" -o "$bin_dir/etcd" go.etcd.io/etcd/server/v3)
}

build_kwok() {
  [[ -x "$bin_dir/kwok" ]] && return
  log "building kwok $KWOK_VERSION"
  GOBIN="$bin_dir" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
}

build_etcd
build_kwok
build_kubernetes
echo "$bin_dir"
