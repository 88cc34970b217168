#!/usr/bin/env bash
# Exits 0 and prints KUBECONFIG=<path> when the local cluster is up; exits 1 otherwise.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [[ -f $kubeconfig ]] && pid_of kube-apiserver >/dev/null && api /readyz >/dev/null 2>&1; then
  echo "KUBECONFIG=$kubeconfig"
else
  echo "the local cluster is not running" >&2
  exit 1
fi
