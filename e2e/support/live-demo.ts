import { expect } from '@playwright/test';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { SnapshotResponse } from '@/lib/api/types';
import type { ClusterModel } from '@/lib/model';
import { VIEWER_CONTEXT } from './dashboard-identities';
import type { DemoNames } from './demo-on-cluster';

/** The dashboard's live model of a context, as a browser gets it. */
export async function fetchLiveModel(context = VIEWER_CONTEXT): Promise<ClusterModel> {
  const response = await fetch(`${process.env.E2E_BASE_URL}/api/snapshot?context=${encodeURIComponent(context)}`);
  return ((await response.json()) as SnapshotResponse).model;
}

/** The live model, limited to what the demo created (the cluster has other namespaces, nodes and tests). */
export function demoPart(model: ClusterModel, names: DemoNames): ClusterModel {
  const namespaces = new Set([names.shop, names.ingress]);
  const inDemo = (o: { meta: { namespace?: string; name: string } }) => (o.meta.namespace ? namespaces.has(o.meta.namespace) : false);
  const r = model.resources;
  return {
    sync: model.sync,
    resources: {
      namespaces: r.namespaces.filter((n) => namespaces.has(n.meta.name)),
      nodes: [],
      pods: r.pods.filter(inDemo),
      services: r.services.filter(inDemo),
      endpointslices: r.endpointslices.filter(inDemo),
      ingresses: r.ingresses.filter(inDemo),
      ingressclasses: r.ingressclasses.filter((c) => c.meta.name === names.ingressClass),
      networkpolicies: r.networkpolicies.filter(inDemo),
      // Cluster-scoped: the demo's own ClusterNetworkPolicy, by the name the demo gives it.
      clusternetworkpolicies: r.clusternetworkpolicies.filter((p) => p.meta.name.includes(names.shop)),
      adminnetworkpolicies: [],
      baselineadminnetworkpolicies: [],
      secrets: r.secrets.filter(inDemo),
      daemonsets: r.daemonsets.filter(inDemo),
      gatewayclasses: r.gatewayclasses.filter((c) => c.meta.name === names.gatewayClass),
      gateways: r.gateways.filter(inDemo),
      listenersets: r.listenersets.filter(inDemo),
      httproutes: r.httproutes.filter(inDemo),
      grpcroutes: r.grpcroutes.filter(inDemo),
      tlsroutes: r.tlsroutes.filter(inDemo),
      tcproutes: r.tcproutes.filter(inDemo),
      udproutes: r.udproutes.filter(inDemo),
      referencegrants: r.referencegrants.filter(inDemo),
      backendtlspolicies: r.backendtlspolicies.filter(inDemo),
      caliconetworkpolicies: r.caliconetworkpolicies.filter(inDemo),
      calicoglobalnetworkpolicies: [],
      ciliumnetworkpolicies: r.ciliumnetworkpolicies.filter(inDemo),
      ciliumclusterwidenetworkpolicies: [],
    },
  };
}

/** How many pods the demo's workloads run. */
export function demoPodCount(objects: KubernetesObject[]): number {
  return objects
    .filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')
    .reduce((sum, o) => sum + ((o as { spec?: { replicas?: number } }).spec?.replicas ?? 1), 0);
}

/**
 * Waits until the dashboard's live model holds every demo pod, ready, and until the EndpointSlice controller has
 * caught up: each Service's slices list as many ready endpoints as it selects ready pods. Returns the demo's part.
 */
export async function waitForLiveDemo(names: DemoNames, expectedPods: number): Promise<ClusterModel> {
  let live: ClusterModel | undefined;
  await expect
    .poll(
      async () => {
        const model = demoPart(await fetchLiveModel(), names);
        live = model;
        const lagging = model.resources.services
          .filter((s) => s.selector)
          .filter((s) => {
            const selected = model.resources.pods.filter(
              (p) => p.ready && p.meta.namespace === s.meta.namespace && Object.entries(s.selector!).every(([k, v]) => p.meta.labels[k] === v),
            );
            const slices = model.resources.endpointslices.filter((e) => e.meta.namespace === s.meta.namespace && e.serviceName === s.meta.name);
            const ready = new Set(slices.flatMap((e) => e.endpoints.filter((ep) => ep.conditions.ready).flatMap((ep) => ep.addresses)));
            return slices.length === 0 || ready.size !== selected.length;
          })
          .map((s) => s.meta.name);
        return { readyPods: model.resources.pods.filter((p) => p.ready).length, servicesLaggingEndpoints: lagging };
      },
      { timeout: 120_000, intervals: [500] },
    )
    .toEqual({ readyPods: expectedPods, servicesLaggingEndpoints: [] });
  return live!;
}
