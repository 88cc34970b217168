import type { ApiResource } from './api-resources';
import { collectionPath } from './api-resources';

/** group -> version -> the resources served there. */
export type ServedResources = Map<string, Map<string, Set<string>>>;

/** What discovery tells: every API group the server serves, and the given groups' resources by version. */
export interface Discovery {
  /** The names of all the groups under /apis, sorted (the core group has none). */
  groups: string[];
  resources: ServedResources;
}

/** Asks the API server one JSON document; rejects with an ApiError when it refuses. */
export type ApiGetter = (path: string, accept: string) => Promise<unknown>;

// Aggregated discovery (GA in Kubernetes 1.30) answers every group, version and resource in one request; an older
// server answers the plain APIGroupList instead, and each group version is then asked on its own.
const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

interface AggregatedList {
  kind?: string;
  items?: { metadata?: { name?: string }; versions?: { version?: string; resources?: { resource?: string }[] }[] }[];
  groups?: { name?: string; versions?: { version?: string }[] }[];
}

/** Which groups the API server serves, and which of the given groups' resources, by version. */
export async function discoverServed(get: ApiGetter, groups: readonly string[]): Promise<Discovery> {
  const wanted = new Set(groups);
  const served: ServedResources = new Map();
  const list = (await get('/apis', AGGREGATED)) as AggregatedList;
  if (list.kind === 'APIGroupDiscoveryList') {
    const names = (list.items ?? []).map((group) => group.metadata?.name ?? '');
    for (const group of list.items ?? []) {
      const name = group.metadata?.name ?? '';
      if (!wanted.has(name)) continue;
      const versions = new Map<string, Set<string>>();
      for (const v of group.versions ?? []) versions.set(v.version ?? '', new Set((v.resources ?? []).map((r) => r.resource ?? '')));
      served.set(name, versions);
    }
    return { groups: groupNames(names), resources: served };
  }
  const names = (list.groups ?? []).map((group) => group.name ?? '');
  for (const group of list.groups ?? []) {
    const name = group.name ?? '';
    if (!wanted.has(name)) continue;
    const versions = new Map<string, Set<string>>();
    for (const { version = '' } of group.versions ?? []) {
      const resources = (await get(`/apis/${name}/${version}`, 'application/json')) as { resources?: { name?: string }[] };
      versions.set(version, new Set((resources.resources ?? []).map((r) => r.name ?? '')));
    }
    served.set(name, versions);
  }
  return { groups: groupNames(names), resources: served };
}

const groupNames = (names: string[]) => [...new Set(names.filter((n) => n !== ''))].sort();

/** The collection path of the first of the resource's versions that is served, or undefined when none is. */
export function servedPath(resource: ApiResource, served: ServedResources): string | undefined {
  const versions = served.get(resource.group);
  const version = resource.versions.find((v) => versions?.get(v)?.has(resource.resource));
  return version === undefined ? undefined : collectionPath(resource, version);
}
