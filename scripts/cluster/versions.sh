# Pinned versions of the local control plane. The binary cache is keyed by these, so changing one rebuilds only
# what it names.
KUBERNETES_VERSION=v1.36.3
KUBERNETES_STAGING_VERSION=v0.36.3
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0
# CRDs installed on the local control plane, read from the projects' own Go modules.
GATEWAY_API_VERSION=v1.6.3
NETWORK_POLICY_API_VERSION=v0.3.0
CILIUM_VERSION=v1.20.2
# Helm, for the chart's checks (scripts/cluster/build-helm.sh); not part of the control plane.
HELM_VERSION=v4.3.2
