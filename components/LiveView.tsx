'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { DEMO_CONTEXT, type ContextsResponse } from '@/lib/api/types';
import { fetchJson } from '@/lib/client/fetch-json';
import { ClusterView } from './ClusterView';
import { DemoNotice } from './DemoNotice';
import { NoCluster } from './NoCluster';

export function LiveView() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const contexts = useQuery({ queryKey: ['contexts'], queryFn: () => fetchJson<ContextsResponse>('/api/contexts') });

  if (contexts.isLoading) return <p className="p-6 text-slate-500">Reading the kubeconfig…</p>;
  if (contexts.error) return <NoCluster title="The dashboard server did not answer" problem={contexts.error.message} />;
  const data = contexts.data!;
  const problem = data.error ?? data.reason ?? (data.contexts.length === 0 ? 'The kubeconfig has no contexts.' : undefined);

  // With no cluster to show, the built-in demo is shown, with the reason and how to connect.
  const context = searchParams.get('context') ?? (problem ? DEMO_CONTEXT : (data.currentContext ?? data.contexts[0]!.name));
  const selectContext = (name: string) => {
    const params = new URLSearchParams(searchParams);
    params.set('context', name);
    router.replace(`${pathname}?${params}`);
  };

  return (
    <ClusterView
      key={context}
      context={context}
      notice={problem && context === DEMO_CONTEXT ? <DemoNotice problem={problem} /> : undefined}
      contextPicker={
        <span className="flex shrink-0 items-center gap-2">
          <select
            aria-label="Kubeconfig context"
            value={context}
            onChange={(e) => selectContext(e.target.value)}
            className="max-w-[12rem] rounded border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900"
          >
            {data.contexts.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
            <option value={DEMO_CONTEXT}>Built-in demo</option>
          </select>
          {data.contexts.find((c) => c.name === context)?.insecureSkipTLSVerify && (
            <span
              data-testid="tls-not-verified"
              title="This context's cluster sets insecure-skip-tls-verify: the API server's certificate is not checked, so another server could answer in its place."
              className="whitespace-nowrap rounded-full border border-dashed border-amber-600 px-2 py-0.5 text-xs font-medium text-amber-800 dark:text-amber-300"
            >
              ⚠ TLS not verified
            </span>
          )}
        </span>
      }
    />
  );
}
