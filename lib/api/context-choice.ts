import { DEMO_CONTEXT, type ContextsResponse } from './types';

/** Why the kubeconfig cannot be shown, if it cannot: then the page shows the built-in demo and says why. */
export function kubeconfigProblem(data: ContextsResponse): string | undefined {
  return data.error ?? data.reason ?? (data.contexts.length === 0 ? 'The kubeconfig has no contexts.' : undefined);
}

/**
 * The context a page shows: the one its URL names, else the kubeconfig's current one (or its first), else the
 * built-in demo. The server decides it too, to start fetching that context's snapshot with the page.
 */
export function shownContext(asked: string | null | undefined, data: ContextsResponse): string {
  if (asked) return asked;
  if (kubeconfigProblem(data)) return DEMO_CONTEXT;
  return data.currentContext ?? data.contexts[0]!.name;
}

/** Where a context's snapshot is fetched from: one place, so that the page's preload and its fetch are one request. */
export const snapshotPath = (context: string) => `/api/snapshot?context=${encodeURIComponent(context)}`;
