# Pinned versions of the local control plane. The binary cache is keyed by these, so changing one rebuilds only
# what it names.
KUBERNETES_VERSION=v1.36.3
KUBERNETES_STAGING_VERSION=v0.36.3
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0
