#!/usr/bin/env bash
# Starts a real Kubernetes control plane on 127.0.0.1 (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler) with kwok simulating the nodes' kubelets, so that pods get scheduled, become Ready and get IPs.
# Idempotent: when the cluster is already up, it only prints its kubeconfig. The last line is KUBECONFIG=<path>.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

node_count=${KUBE_NETMAP_NODES:-3}
started_at=$SECONDS

if bash "$here/status.sh" 2>/dev/null; then
  log "already running"
  exit 0
fi
# A half-started or crashed cluster: start over from a clean state.
bash "$here/down.sh" >/dev/null 2>&1 || true

bin_dir=$(bash "$here/build-binaries.sh" | tail -n 1)
mkdir -p "$state_dir" "$pki_dir" "$log_dir"
echo "$bin_dir" >"$state_dir/bin-dir"

for port in "$apiserver_port" "$etcd_port" "$etcd_peer_port" "$kwok_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    log "port $port on 127.0.0.1 is in use; set KUBE_NETMAP_APISERVER_PORT / KUBE_NETMAP_ETCD_PORT / KUBE_NETMAP_KWOK_PORT"
    exit 1
  fi
done

make_pki() {
  cd "$pki_dir"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=kube-netmap-local-ca" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj "/CN=kube-apiserver" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\nextendedKeyUsage=serverAuth\n' >apiserver.ext
  openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out apiserver.crt -days 3650 -extfile apiserver.ext 2>/dev/null
  # The admin identity is in system:masters; the controllers and kwok use it too, which is fine for a test cluster.
  openssl req -newkey rsa:2048 -nodes -keyout admin.key -out admin.csr -subj "/O=system:masters/CN=kube-netmap-admin" 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' >admin.ext
  openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out admin.crt -days 3650 -extfile admin.ext 2>/dev/null
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  cd - >/dev/null
}

write_kubeconfig() {
  local b64="base64 -w0"
  cat >"$kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: kube-netmap-local
  cluster:
    server: https://127.0.0.1:$apiserver_port
    certificate-authority-data: $($b64 <"$pki_dir/ca.crt")
users:
- name: kube-netmap-admin
  user:
    client-certificate-data: $($b64 <"$pki_dir/admin.crt")
    client-key-data: $($b64 <"$pki_dir/admin.key")
contexts:
- name: kube-netmap-local
  context:
    cluster: kube-netmap-local
    user: kube-netmap-admin
current-context: kube-netmap-local
EOF
  chmod 600 "$kubeconfig"
}

write_audit_policy() {
  # Metadata for every request: who did which verb on what. The e2e suite reads it to prove the dashboard only
  # ever gets, lists and watches. Secrets are logged with their responses, so the suite can also prove that what
  # the dashboard received of them held names only (this throwaway cluster's audit log may hold test Secrets).
  cat >"$state_dir/audit-policy.yaml" <<'EOF'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: RequestResponse
  resources: [{group: "", resources: [secrets]}]
- level: Metadata
EOF
}

write_kwok_config() {
  local stages="$(go env GOMODCACHE)/sigs.k8s.io/kwok@$KWOK_VERSION/kustomize/stage"
  if [[ ! -d $stages ]]; then
    GOFLAGS=-mod=mod go mod download "sigs.k8s.io/kwok@$KWOK_VERSION" >&2
  fi
  {
    # kwok plays 4 pod stages at a time by default: about 50 pods made Ready a second here, 17 minutes for the UI
    # bench's 50,000 pods. More at a time keeps the API server busy instead of waiting on round trips.
    # A configuration given is taken as it is, unset numbers as 0: kwok's other defaults are spelled out.
    printf -- '---\napiVersion: config.kwok.x-k8s.io/v1alpha1\nkind: KwokConfiguration\noptions:\n%s\n' \
      '  podPlayStageParallelism: 16
  nodePlayStageParallelism: 4
  nodeLeaseParallelism: 4
  podsOnNodeSyncParallelism: 1
  enablePodsOnNodeSyncListPager: true
  enablePodsOnNodeSyncStreamWatch: false
  enableDebuggingHandlers: true
  enableProfilingHandler: true
  enableContentionProfiling: false'
    for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
      pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
      echo '---'
      cat "$stages/$f"
    done
  } >"$state_dir/kwok.yaml"
}

make_pki
write_kubeconfig
write_audit_policy
write_kwok_config

save_args etcd \
  --name=kube-netmap --data-dir="$state_dir/etcd" --unsafe-no-fsync \
  --listen-client-urls="http://127.0.0.1:$etcd_port" --advertise-client-urls="http://127.0.0.1:$etcd_port" \
  --listen-peer-urls="http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls="http://127.0.0.1:$etcd_peer_port" \
  --initial-cluster="kube-netmap=http://127.0.0.1:$etcd_peer_port" --listen-metrics-urls="" \
  --quota-backend-bytes=4294967296 --log-level=warn
save_args kube-apiserver \
  --etcd-servers="http://127.0.0.1:$etcd_port" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$apiserver_port" \
  --tls-cert-file="$pki_dir/apiserver.crt" --tls-private-key-file="$pki_dir/apiserver.key" \
  --client-ca-file="$pki_dir/ca.crt" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$pki_dir/sa.pub" --service-account-signing-key-file="$pki_dir/sa.key" \
  --service-cluster-ip-range="$service_cidr" --endpoint-reconciler-type=none \
  --authorization-mode=Node,RBAC --allow-privileged=true \
  --audit-policy-file="$state_dir/audit-policy.yaml" --audit-log-path="$log_dir/audit.log" \
  --audit-log-maxsize=200 --audit-log-maxbackup=1
save_args kube-controller-manager \
  --kubeconfig="$kubeconfig" --leader-elect=false --bind-address=127.0.0.1 --secure-port=0 \
  --service-account-private-key-file="$pki_dir/sa.key" --root-ca-file="$pki_dir/ca.crt" \
  --service-cluster-ip-range="$service_cidr" --cluster-cidr="$pod_cidr" --allocate-node-cidrs=false \
  --node-monitor-grace-period=50s
save_args kube-scheduler \
  --kubeconfig="$kubeconfig" --leader-elect=false --bind-address=127.0.0.1 --secure-port=0
save_args kwok \
  --kubeconfig="$kubeconfig" --config="$state_dir/kwok.yaml" --manage-all-nodes=true \
  --cidr="$pod_cidr" --node-ip=172.18.0.1 --server-address="127.0.0.1:$kwok_port" \
  --node-lease-duration-seconds=40

start_component etcd "$bin_dir/etcd"
wait_for etcd 30 curl -sS --fail --max-time 2 "http://127.0.0.1:$etcd_port/health"
start_component kube-apiserver "$bin_dir/kube-apiserver"
wait_for "the API server (see $log_dir/kube-apiserver.log)" 90 api /readyz
start_component kube-controller-manager "$bin_dir/kube-controller-manager"
start_component kube-scheduler "$bin_dir/kube-scheduler"
start_component kwok "$bin_dir/kwok"

kubectl() { "$bin_dir/kubectl" --kubeconfig="$kubeconfig" "$@"; }
ready_nodes() { kubectl get nodes --no-headers 2>/dev/null | awk '$2 == "Ready"' | wc -l; }
for i in $(seq 1 "$node_count"); do
  # Each fake node gets its own pod CIDR (kwok allocates pod IPs from it) and its own internal IP, so the map's
  # "by node" view has something real to show. These addresses are data only; nothing ever connects to them.
  kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/hostname: kwok-node-$i
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    topology.kubernetes.io/zone: zone-$(( (i - 1) % 2 + 1 ))
    type: kwok
spec:
  podCIDR: 10.244.$i.0/24
  podCIDRs: [10.244.$i.0/24]
EOF
  # Status is ignored on create; set the addresses through the status subresource, as a kubelet would.
  kubectl patch node "kwok-node-$i" --subresource=status --type=merge -p "$(printf \
    '{"status":{"addresses":[{"type":"InternalIP","address":"172.18.0.%d"},{"type":"Hostname","address":"kwok-node-%d"}]}}' \
    $((i + 1)) "$i")" >/dev/null
done

# The real CRDs of the APIs the dashboard reads beyond core Kubernetes, from the projects' Go modules.
module_dir() { GOFLAGS=-mod=mod go mod download -json "$1" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p'; }
crds=("$(module_dir "sigs.k8s.io/gateway-api@$GATEWAY_API_VERSION")/config/crd/standard"/*.k8s.io_*.yaml # not the kustomization beside them
  "$(module_dir "sigs.k8s.io/network-policy-api@$NETWORK_POLICY_API_VERSION")/config/crd/standard"/*.k8s.io_*.yaml)
# Cilium's policy CRDs only (the module carries every CRD of the agent and operator).
cilium_crds=$(module_dir "github.com/cilium/cilium@$CILIUM_VERSION")/pkg/k8s/apis/cilium.io/client/crds/v2
crds+=("$cilium_crds/ciliumnetworkpolicies.yaml" "$cilium_crds/ciliumclusterwidenetworkpolicies.yaml")
for f in "${crds[@]}"; do
  [[ -f $f ]] || { log "no CRD at $f"; exit 1; }
  kubectl apply --server-side -f "$f" >/dev/null
done
kubectl wait --for=condition=Established crd --all --timeout=60s >/dev/null

wait_for "$node_count Ready nodes" 60 eval '[[ $(ready_nodes) -ge $node_count ]]'
# Pods can only be created once the default ServiceAccount exists in their namespace.
wait_for "the default ServiceAccount" 60 kubectl get serviceaccount default -n default

log "up in $((SECONDS - started_at))s; logs in $log_dir; kubectl: $bin_dir/kubectl"
echo "KUBECONFIG=$kubeconfig"
