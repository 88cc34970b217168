#!/usr/bin/env bash
# Stops the local cluster and deletes its state, so the next cluster:up starts empty. Binaries stay cached.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
for c in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do stop_component "$c"; done
rm -rf "$state_dir"
log "stopped; state removed from $state_dir"
