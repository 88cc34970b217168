import { diagnose, type DiagnoseReport } from '@/lib/analysis/diagnose';
import { connectivity, formatConnectivity } from '@/lib/analysis/reach/connectivity';
import { modelFromDocuments } from '@/lib/sources/manifests';
import { expect, test } from './fixtures';
import { applyObjects, deleteDemo, renamedDemo } from './support/demo-on-cluster';
import { demoPodCount, waitForLiveDemo } from './support/live-demo';
import { VIEWER_CONTEXT } from './support/dashboard-identities';
import { runId } from './support/kube';

const findingKeys = (report: DiagnoseReport) => report.findings.map((f) => `${f.severity} ${f.id}`).sort();

test('one engine, two sources: diagnose and connectivity over the demo applied to the cluster equal those over its manifests', async ({ cluster, page }) => {
  test.setTimeout(180_000);
  const { names, objects, manifests } = renamedDemo(Math.random().toString(36).slice(2, 7));
  const expectedPods = demoPodCount(objects);
  try {
    await applyObjects(cluster.config, objects, runId());

    const live = await waitForLiveDemo(names, expectedPods);

    const fromManifests = modelFromDocuments(manifests).model;
    expect(fromManifests.resources.pods.length).toBeLessThan(expectedPods); // one representative pod per workload

    // diagnose: the same findings. Two differences are allowed, both from live data:
    // - a live LoadBalancer Service has a status, and with no load-balancer controller in a test cluster it never
    //   gets an address, while manifests carry no status at all, so that check is skipped for them;
    // - the live source lists Secret names where TLS Ingresses need them, and the demo's shop-tls is not in the
    //   cluster; the manifests declare no Secret in the namespace, which says nothing about which will exist.
    const lbFinding = `warning loadbalancer-without-address:Service/${names.ingress}/ingress-nginx-controller`;
    const tlsFinding = `error ingress-tls-secret-missing:Ingress/${names.shop}/shop:shop-tls`;
    const allLiveFindings = findingKeys(diagnose(live, { source: 'live' }));
    expect(allLiveFindings).toContain(lbFinding);
    expect(allLiveFindings).toContain(tlsFinding);
    const liveFindings = allLiveFindings.filter((k) => k !== lbFinding && k !== tlsFinding);
    expect(liveFindings).toEqual(findingKeys(diagnose(fromManifests, { source: 'manifests' })));
    // And those findings are the demo's four deliberate faults.
    expect(liveFindings.filter((k) => k.startsWith('error'))).toEqual([
      `error gateway-backend-ref-not-permitted:HTTPRoute/${names.shop}/storefront:${names.ingress}/ingress-nginx-controller`,
      `error service-all-clients-blocked:Service/${names.shop}/payments:80/TCP`,
      `error service-selector-matches-nothing:Service/${names.shop}/cart`,
      `error service-target-port-name-missing:Service/${names.shop}/checkout:80/TCP`,
    ]);

    // connectivity: by workload, so the live pods' generated names and IPs (10.244.x.x, inside the demo's excluded
    // private ranges) make no difference. One difference comes from live data: a workload runs several replicas,
    // which may talk to each other, while manifests hold one representative pod per workload (and a pod talking to
    // itself is out of scope). So live may add "W => W" lines, only for workloads with more than one live pod.
    const liveLines = formatConnectivity(connectivity(live)).split('\n');
    const manifestLines = formatConnectivity(connectivity(fromManifests)).split('\n');
    const liveOnly = liveLines.filter((line) => !manifestLines.includes(line));
    expect(manifestLines.filter((line) => !liveLines.includes(line))).toEqual([]);
    for (const line of liveOnly) {
      const [source, destination] = line.split(' : ')[0]!.split(' => ');
      expect(source).toBe(destination);
      const [namespace, , workload] = source!.split('/');
      expect(live.resources.pods.filter((p) => p.meta.namespace === namespace && p.workload.name === workload).length).toBeGreaterThan(1);
    }
    const liveConnectivity = liveLines.join('\n');
    expect(liveConnectivity).toContain(`${names.shop}/Deployment/frontend => ${names.shop}/Deployment/api : TCP 8080`);
    expect(liveConnectivity).not.toMatch(new RegExp(`${names.shop}/Deployment/checkout => ${names.shop}/Deployment/payments`));

    // Once the Secret exists, the live finding goes: Secret names are polled (every 15 s, and on Ingress changes).
    await cluster.createSecret(names.shop, 'shop-tls', { 'tls.crt': '', 'tls.key': '' }, 'kubernetes.io/tls');
    await expect
      .poll(
        async () => {
          const response = await page.request.get(`${process.env.E2E_BASE_URL}/api/diagnostics?context=${VIEWER_CONTEXT}&namespace=${names.shop}`);
          return ((await response.json()) as DiagnoseReport).findings.map((f) => f.id);
        },
        { timeout: 30_000, intervals: [1000] },
      )
      .not.toContain(tlsFinding.replace(/^error /, ''));
  } finally {
    await deleteDemo(cluster.config, names);
  }
});
