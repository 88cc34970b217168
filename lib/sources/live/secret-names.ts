import type { Ingress, SecretName, SyncState } from '@/lib/model';
import { describeError, statusCodeOf, type SecretNameLister } from './transport';

// Listing one namespace's Secret names is cheap, but a cluster can have hundreds of namespaces with TLS Ingresses.
const CONCURRENCY = 4;

/** The namespaces in which an Ingress TLS entry names a Secret: the only places kube-netmap looks for Secrets. */
export function tlsSecretNamespaces(ingresses: readonly Ingress[]): string[] {
  const namespaces = new Set<string>();
  for (const ingress of ingresses) {
    if (ingress.meta.namespace && ingress.tls.some((t) => t.secretName)) namespaces.add(ingress.meta.namespace);
  }
  return [...namespaces].sort();
}

export interface SecretNames {
  objects: SecretName[];
  state: SyncState;
}

/**
 * The Secret names of the given namespaces. The state is synced only if every namespace could be listed: a
 * namespace we may not read must not make its Secrets look absent.
 */
export async function listSecretNames(lister: SecretNameLister, namespaces: readonly string[]): Promise<SecretNames> {
  const objects: SecretName[] = [];
  const forbidden: string[] = [];
  const failed: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < namespaces.length) {
      const namespace = namespaces[next++]!;
      try {
        for (const name of await lister(namespace)) objects.push(secretName(namespace, name));
      } catch (error) {
        if (statusCodeOf(error) === 403) forbidden.push(namespace);
        else failed.push(`${namespace}: ${describeError(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, namespaces.length) }, worker));
  objects.sort((a, b) => (a.meta.uid < b.meta.uid ? -1 : a.meta.uid > b.meta.uid ? 1 : 0));
  if (forbidden.length > 0) {
    return { objects, state: { status: 'forbidden', message: `may not list Secrets in namespace ${forbidden.sort().join(', ')} (only their names are ever asked for)` } };
  }
  if (failed.length > 0) return { objects, state: { status: 'error', message: failed.sort().join('; ') } };
  return { objects, state: { status: 'synced' } };
}

function secretName(namespace: string, name: string): SecretName {
  // A Table row without its object carries no uid; namespace/name is unique, and is what a manifest model uses too.
  return { meta: { uid: `${namespace}/${name}`, name, namespace, labels: {}, resourceVersion: '' } };
}
