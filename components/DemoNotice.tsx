'use client';

import { useState } from 'react';
import { ConnectHelp } from './NoCluster';

const DISMISSED = 'kube-netmap.demo-notice-dismissed';

/**
 * Why the demo is shown, in one line under the header that leaves the map its room: the reason, how to connect (one
 * click away), and a button that puts the line away for the rest of the browser session. The header's DEMO chip
 * stays, so the demo is never taken for a cluster.
 */
export function DemoNotice({ problem }: { problem: string }) {
  const [dismissed, setDismissed] = useState(() => typeof window !== 'undefined' && window.sessionStorage.getItem(DISMISSED) === 'true');
  if (dismissed) return null;
  const dismiss = () => {
    window.sessionStorage.setItem(DISMISSED, 'true');
    setDismissed(true);
  };
  return (
    <div
      role="status"
      data-testid="no-cluster"
      className="relative flex shrink-0 items-center gap-2 border-b border-amber-300 bg-amber-50 px-3 py-1 text-xs dark:border-amber-800 dark:bg-amber-950"
    >
      <span className="min-w-0 truncate" title={problem}>
        <strong>No cluster connected: showing the built-in demo.</strong> {problem}
      </span>
      <details className="shrink-0">
        <summary className="cursor-pointer list-none font-medium text-blue-700 underline dark:text-blue-300" data-testid="how-to-connect">
          How to connect
        </summary>
        <div className="absolute left-3 top-full z-30 mt-1 w-[40rem] max-w-[90vw] rounded border border-amber-300 bg-white p-3 shadow-lg dark:border-amber-800 dark:bg-slate-900">
          <ConnectHelp />
        </div>
      </details>
      <button type="button" onClick={dismiss} aria-label="Dismiss the demo notice" className="ml-auto shrink-0 rounded px-1 text-slate-500 hover:bg-amber-100 dark:hover:bg-amber-900">
        ✕
      </button>
    </div>
  );
}
