# Source this file: it puts a Node.js >= 22.19 first on PATH. When the system Node is older, it installs Node 24
# from the npm registry's `node` package into a cache outside the repo (once) and uses that.
#   source scripts/ensure-node.sh
# shellcheck shell=bash
kube_netmap_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=19)?0:1)'
}
if ! kube_netmap_node_ok; then
  kube_netmap_node_dir="${KUBE_NETMAP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-netmap}/node24"
  if [ ! -x "$kube_netmap_node_dir/node_modules/.bin/node" ]; then
    echo "[ensure-node] Node $(node --version 2>/dev/null || echo 'not found') is older than 22.19; installing Node 24 into $kube_netmap_node_dir" >&2
    mkdir -p "$kube_netmap_node_dir"
    npm install --prefix "$kube_netmap_node_dir" --no-audit --no-fund --loglevel=error node@24 >&2
  fi
  export PATH="$kube_netmap_node_dir/node_modules/.bin:$PATH"
  kube_netmap_node_ok || { echo "[ensure-node] could not provide Node >= 22.19" >&2; return 1 2>/dev/null || exit 1; }
fi
unset -f kube_netmap_node_ok
