'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { ContextsResponse } from '@/lib/api/types';
import { fetchJson } from '@/lib/client/fetch-json';
import { ClusterView } from './ClusterView';
import { NoCluster } from './NoCluster';

export function LiveView() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const contexts = useQuery({ queryKey: ['contexts'], queryFn: () => fetchJson<ContextsResponse>('/api/contexts') });

  if (contexts.isLoading) return <p className="p-6 text-slate-500">Reading the kubeconfig…</p>;
  if (contexts.error) return <NoCluster problem={`The dashboard server did not answer: ${contexts.error.message}`} />;
  const data = contexts.data!;
  const problem = data.error ?? data.reason ?? (data.contexts.length === 0 ? 'The kubeconfig has no contexts.' : undefined);
  if (problem) return <NoCluster problem={problem} />;

  const context = searchParams.get('context') ?? data.currentContext ?? data.contexts[0]!.name;
  const selectContext = (name: string) => {
    const params = new URLSearchParams(searchParams);
    params.set('context', name);
    router.replace(`${pathname}?${params}`);
  };

  return (
    <ClusterView
      key={context}
      context={context}
      contextPicker={
        <select
          aria-label="Kubeconfig context"
          value={context}
          onChange={(e) => selectContext(e.target.value)}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          {data.contexts.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      }
    />
  );
}
