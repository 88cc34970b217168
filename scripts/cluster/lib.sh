# Shared by the cluster scripts: where things live and how a component is started and stopped.
# shellcheck shell=bash
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.sh
source "$here/versions.sh"

cache_root=${KUBE_NETMAP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-netmap}
state_dir=${KUBE_NETMAP_CLUSTER_DIR:-$cache_root/cluster}
pki_dir=$state_dir/pki
log_dir=$state_dir/logs
pid_dir=$state_dir/pids
args_dir=$state_dir/args
kubeconfig=$state_dir/kubeconfig

# Everything binds 127.0.0.1. The ports are unusual ones so that a kind cluster or a second etcd can run beside.
apiserver_port=${KUBE_NETMAP_APISERVER_PORT:-16443}
etcd_port=${KUBE_NETMAP_ETCD_PORT:-12379}
etcd_peer_port=$((etcd_port + 1))
kwok_port=${KUBE_NETMAP_KWOK_PORT:-10347}
service_cidr=10.96.0.0/16
pod_cidr=10.244.0.0/16

log() { echo "[cluster] $*" >&2; }

pid_of() {
  local f="$pid_dir/$1"
  [[ -f $f ]] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"
}

# Starts a component in its own session with the arguments saved by save_args, so the e2e suite can stop and
# restart one (the API server) exactly as it was.
start_component() {
  local name=$1 bin=$2
  local -a args
  mapfile -t args <"$args_dir/$name"
  mkdir -p "$pid_dir" "$log_dir"
  setsid "$bin" "${args[@]}" >>"$log_dir/$name.log" 2>&1 </dev/null &
  echo $! >"$pid_dir/$name"
}

save_args() {
  local name=$1; shift
  mkdir -p "$args_dir"
  printf '%s\n' "$@" >"$args_dir/$name"
}

stop_component() {
  local name=$1 pid
  pid=$(pid_of "$name") || { rm -f "$pid_dir/$name"; return 0; }
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pid_dir/$name"
}

api() {
  curl -sS --fail --max-time 5 --cacert "$pki_dir/ca.crt" --cert "$pki_dir/admin.crt" --key "$pki_dir/admin.key" \
    "https://127.0.0.1:$apiserver_port$1" "${@:2}"
}

wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then log "timed out after ${seconds}s waiting for $what"; return 1; fi
    sleep 0.2
  done
}
