#!/usr/bin/env bash
# Stops or starts one component of the running local cluster, with the arguments it was first started with.
# The e2e suite uses it to take the API server away and bring it back.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
action=${1:?usage: component.sh stop|start NAME}
name=${2:?usage: component.sh stop|start NAME}
bin_dir=$(cat "$state_dir/bin-dir")
case $action in
  stop) stop_component "$name" ;;
  start)
    start_component "$name" "$bin_dir/$name"
    if [[ $name == kube-apiserver ]]; then wait_for "the API server" 60 api /readyz; fi
    ;;
  *) echo "usage: component.sh stop|start NAME" >&2; exit 2 ;;
esac
