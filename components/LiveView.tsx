'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';
import { SIGN_IN_PATH, SIGN_OUT_ACTION } from '@/lib/api/auth-mode';
import { kubeconfigProblem, shownContext } from '@/lib/api/context-choice';
import { DEMO_CONTEXT, type ContextsResponse } from '@/lib/api/types';
import { fetchJson, HttpError } from '@/lib/client/fetch-json';
import { ClusterView } from './ClusterView';
import { DemoNotice } from './DemoNotice';
import { NoCluster } from './NoCluster';

/** initialContexts: the contexts as the server rendered the page with them (kubeconfig mode), not fetched again first. */
export function LiveView({ initialContexts }: { initialContexts?: ContextsResponse }) {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const contexts = useQuery({
    queryKey: ['contexts'],
    queryFn: () => fetchJson<ContextsResponse>('/api/contexts'),
    initialData: initialContexts,
    // A token the API server no longer accepts (token mode) will not be accepted on a retry either.
    retry: (failures, error) => !(error instanceof HttpError && error.status === 401) && failures < 3,
  });
  const signedOut = contexts.error instanceof HttpError && contexts.error.status === 401;
  useEffect(() => {
    if (signedOut) window.location.assign(SIGN_IN_PATH);
  }, [signedOut]);

  if (contexts.isLoading || signedOut) return <p className="p-6 text-slate-500">Reading the kubeconfig…</p>;
  if (contexts.error) return <NoCluster title="The dashboard server did not answer" problem={contexts.error.message} />;
  const data = contexts.data!;
  const problem = kubeconfigProblem(data);
  // With no cluster to show, the built-in demo is shown, with the reason and how to connect.
  const context = shownContext(searchParams.get('context'), data);
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
        <div className="flex shrink-0 items-center gap-2">
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
          {data.signedInAs && (
            <form method="post" action={SIGN_OUT_ACTION} className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
              <span data-testid="signed-in-as">signed in as {data.signedInAs}</span>
              <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
                Sign out
              </button>
            </form>
          )}
          {data.contexts.find((c) => c.name === context)?.insecureSkipTLSVerify && (
            <span
              data-testid="tls-not-verified"
              title="This context's cluster sets insecure-skip-tls-verify: the API server's certificate is not checked, so another server could answer in its place."
              className="whitespace-nowrap rounded-full border border-dashed border-amber-600 px-2 py-0.5 text-xs font-medium text-amber-800 dark:text-amber-300"
            >
              ⚠ TLS not verified
            </span>
          )}
        </div>
      }
    />
  );
}
