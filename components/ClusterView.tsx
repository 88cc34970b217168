'use client';

import { useEffect, type ReactNode } from 'react';
import { DEMO_CONTEXT } from '@/lib/api/types';
import { RESOURCE_KINDS, summarizeConnection } from '@/lib/model';
import { useLiveModel } from '@/lib/client/use-live-model';
import { ConnectionStatus } from './ConnectionStatus';
import { EnforcementBadge } from './EnforcementBadge';
import { MapView } from './map/MapView';
import { PageHeader } from './PageHeader';
import { ThemeToggle } from './ThemeToggle';
import { NamespaceList } from './NamespaceList';


/**
 * One context: the map fills the window below one header line (and a notice line when there is something to say),
 * and the plain list of each namespace's pods and Services follows below it.
 */
export function ClusterView({ context, contextPicker, notice }: { context: string; contextPicker: ReactNode; notice?: ReactNode }) {
  const { snapshot, error, isLoading, streamStatus } = useLiveModel(context);
  // The map's code (Cytoscape) loads while the snapshot does, not after it: on a big cluster both take a second or more.
  useEffect(() => void import('./map/NetworkMap'), []);
  const model = snapshot?.model;
  const headerStart = (
    <>
      <h1 className="shrink-0 text-base font-semibold tracking-tight">kube-netmap</h1>
      {contextPicker}
      {snapshot?.demo ? (
        <span
          data-testid="demo-label"
          title="The built-in example shop (examples/demo): manifests, not a live cluster"
          className="shrink-0 whitespace-nowrap rounded-full border-2 border-violet-600 px-2 py-0.5 text-xs font-semibold text-violet-800 dark:text-violet-300"
        >
          DEMO
        </span>
      ) : (
        model && <ConnectionStatus sync={model.sync} streamStatus={streamStatus} />
      )}
      {model && <EnforcementBadge model={model} />}
    </>
  );
  const notices = (
    <>
      {notice}
      {model && !snapshot?.demo && RESOURCE_KINDS.every((k) => model.sync[k].status === 'error') && (
        <p role="status" data-testid="unreachable" className="shrink-0 border-b border-amber-400 bg-amber-50 px-3 py-1 text-xs dark:bg-amber-950">
          The cluster of context {context} cannot be reached yet; kube-netmap keeps retrying.{' '}
          <span className="font-mono" data-testid="unreachable-reason">
            {summarizeConnection(model.sync).message}
          </span>{' '}
          <a className="font-medium underline" href={`?context=${encodeURIComponent(DEMO_CONTEXT)}`}>
            Show the built-in demo instead
          </a>
          .
        </p>
      )}
      {error && (
        <p role="alert" className="shrink-0 border-b border-red-300 px-3 py-1 text-sm text-red-700 dark:text-red-400">
          {error.message}
        </p>
      )}
    </>
  );

  return (
    <>
      <div className="flex h-screen flex-col">
        {model ? (
          <MapView model={model} context={context} source={snapshot?.demo ? 'manifests' : 'live'} header={{ start: headerStart, end: <ThemeToggle /> }} notices={notices} />
        ) : (
          <>
            <PageHeader start={headerStart} end={<ThemeToggle />} />
            {notices}
            {isLoading && <p className="p-4 text-slate-500">Loading the cluster model…</p>}
          </>
        )}
      </div>
      {model && <NamespaceList model={model} />}
    </>
  );
}
