export function NoCluster({ problem, title = 'No cluster connected: showing the built-in demo' }: { problem: string; title?: string }) {
  return (
    <section data-testid="no-cluster" className="rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mt-2">{problem}</p>
      <h3 className="mt-4 font-medium">How to connect</h3>
      <ul className="mt-2 list-disc space-y-1 pl-6 text-sm">
        <li>
          Point kube-netmap at a kubeconfig: <code>KUBECONFIG=/path/to/kubeconfig npm start</code>, or create{' '}
          <code>~/.kube/config</code>.
        </li>
        <li>
          kind: <code>kind get kubeconfig --name NAME &gt; kind.kubeconfig</code>; minikube writes its context into{' '}
          <code>~/.kube/config</code>.
        </li>
        <li>
          No cluster at hand? <code>npm run cluster:up</code> starts a local one (needs Go) and prints the{' '}
          <code>KUBECONFIG=…</code> to use.
        </li>
      </ul>
    </section>
  );
}
