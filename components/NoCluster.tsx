/** How to point kube-netmap at a cluster: shown when none is connected. */
export function ConnectHelp() {
  return (
    <ul className="list-disc space-y-1 pl-6 text-sm">
      <li>
        Point kube-netmap at a kubeconfig: <code>KUBECONFIG=/path/to/kubeconfig npm start</code>, or create <code>~/.kube/config</code>.
      </li>
      <li>
        kind: <code>kind get kubeconfig --name NAME &gt; kind.kubeconfig</code>; minikube writes its context into <code>~/.kube/config</code>.
      </li>
      <li>
        No cluster at hand? <code>npm run cluster:up</code> starts a local one (needs Go) and prints the <code>KUBECONFIG=…</code> to use.
      </li>
    </ul>
  );
}

/** The whole page's message when there is nothing to show at all (the dashboard server did not answer). */
export function NoCluster({ problem, title }: { problem: string; title: string }) {
  return (
    <section data-testid="no-cluster" className="m-4 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mt-2">{problem}</p>
      <h3 className="mt-4 font-medium">How to connect</h3>
      <div className="mt-2">
        <ConnectHelp />
      </div>
    </section>
  );
}
