// The cluster the upstream conformance suite runs on, as manifests kube-netmap reads: the suite's YAML fixtures
// (copied here, see README.md), the StatefulSets expanded into the pods their controller creates, and the
// mutations the Go tests make between pokes as small transforms of the parsed objects.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ClusterModel } from '@/lib/model';
import { modelFromDocuments } from '@/lib/sources/manifests';

type Doc = Record<string, unknown> & { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } };
type Rule = Record<string, unknown>;

/** The parsed objects of one test's cluster; every mutation rewrites them in place. */
export class ConformanceCluster {
  private constructor(private readonly docs: Doc[]) {}

  /** base/manifests.yaml with the StatefulSets' pods, plus the test's manifests (paths relative to base/). */
  static load(manifests: readonly string[]): ConformanceCluster {
    const docs = [readFixture('manifests.yaml'), ...manifests.map(readFixture)].flat();
    return new ConformanceCluster(docs.flatMap((d) => (d.kind === 'StatefulSet' ? statefulSetPods(d) : [d])));
  }

  clone(): ConformanceCluster {
    return new ConformanceCluster(structuredClone(this.docs));
  }

  /** The same cluster with no ClusterNetworkPolicy (a control: what the pokes would see without them). */
  withoutClusterPolicies(): ConformanceCluster {
    return new ConformanceCluster(this.docs.filter((d) => d.kind !== 'ClusterNetworkPolicy'));
  }

  /** The model the manifests source makes of the objects, and its warnings (each a line). */
  model(): { model: ClusterModel; warnings: string[] } {
    const sources = this.docs.map((d, i) => ({ file: `conformance-${i}.json`, text: JSON.stringify(d) }));
    const { model, warnings } = modelFromDocuments(sources);
    return { model, warnings: warnings.map((w) => `${w.file}:${w.line} ${w.message}`) };
  }

  /** `ns/name` of a pod. */
  podIP(ref: string): string {
    const status = this.find('Pod', ref).status as { podIP: string };
    return status.podIP;
  }

  // The mutations the Go tests make ------------------------------------------------------------------------------

  swapRules(policy: string, direction: 'egress' | 'ingress', i: number, j: number): void {
    const rules = this.rules(policy, direction);
    [rules[i], rules[j]] = [rules[j]!, rules[i]!];
  }

  setAction(policy: string, direction: 'egress' | 'ingress', i: number, action: 'Accept' | 'Deny' | 'Pass'): void {
    this.rules(policy, direction)[i]!.action = action;
  }

  /** The rule's protocols become one destinationNamedPort. */
  setNamedPort(policy: string, direction: 'egress' | 'ingress', i: number, name: string): void {
    this.rules(policy, direction)[i]!.protocols = [{ destinationNamedPort: name }];
  }

  setPriority(policy: string, priority: number): void {
    (this.find('ClusterNetworkPolicy', policy).spec as { priority: number }).priority = priority;
  }

  /** A first egress rule accepting the pods' IPs as /32 networks (the inline-CIDR tests' "allow-egress-to-specific-podIPs"). */
  allowEgressToPodIPs(policy: string, pods: readonly string[]): void {
    const networks = pods.map((p) => `${this.podIP(p)}/32`);
    this.rules(policy, 'egress').unshift({ name: 'allow-egress-to-specific-podIPs', action: 'Accept', to: [{ networks }] });
  }

  setNamespaceLabels(namespace: string, labels: Record<string, string>): void {
    this.find('Namespace', namespace).metadata.labels = { ...labels };
  }

  setPodLabel(pod: string, key: string, value: string): void {
    const metadata = this.find('Pod', pod).metadata;
    metadata.labels = { ...metadata.labels, [key]: value };
  }

  removePodLabel(pod: string, key: string): void {
    const metadata = this.find('Pod', pod).metadata;
    metadata.labels = Object.fromEntries(Object.entries(metadata.labels ?? {}).filter(([k]) => k !== key));
  }

  deleteNetworkPolicy(ref: string): void {
    this.docs.splice(this.docs.indexOf(this.find('NetworkPolicy', ref)), 1);
  }

  private rules(policy: string, direction: 'egress' | 'ingress'): Rule[] {
    const spec = this.find('ClusterNetworkPolicy', policy).spec as Record<string, Rule[]>;
    return (spec[direction] ??= []);
  }

  private find(kind: string, ref: string): Doc {
    const [namespace, name] = ref.includes('/') ? ref.split('/') : [undefined, ref];
    const doc = this.docs.find((d) => d.kind === kind && d.metadata.name === name && d.metadata.namespace === namespace);
    if (!doc) throw new Error(`the conformance cluster has no ${kind} ${ref}`);
    return doc;
  }
}

const FIXTURES = path.dirname(new URL(import.meta.url).pathname);

/**
 * The suite's applier renders `{{ index .HostNetworkPorts N }}` with the port range it picks (34345 and up by
 * default, utils/suite/suite.go); the same here.
 */
const HOST_NETWORK_PORT_START = 34345;

function readFixture(file: string): Doc[] {
  const text = fs
    .readFileSync(path.join(FIXTURES, file), 'utf8')
    .replace(/\{\{ index \.HostNetworkPorts (\d+) \}\}/g, (_, n: string) => String(HOST_NETWORK_PORT_START + Number(n)));
  return parseAllDocuments(text)
    .map((d) => d.toJS() as Doc | null)
    .filter((d): d is Doc => d !== null);
}

/** House namespaces in base/manifests.yaml order; a house's pods get addresses in 10.244.<its number>.0/24. */
const HOUSES = ['gryffindor', 'slytherin', 'hufflepuff', 'ravenclaw', 'forbidden-forrest'];

/**
 * The pods the StatefulSet controller creates: `<name>-<ordinal>` with the template's labels plus the controller's
 * statefulset.kubernetes.io/pod-name and apps.kubernetes.io/pod-index, running and ready. The Go tests address
 * pods by ordinal and select them by pod-name label and IP, which one representative pod per workload (the
 * manifests source's `<name>-template`) cannot tell apart. Addresses are what a kind cluster would give: pod IPs in
 * 10.244.0.0/16, the host-network centaurs their nodes' 172.18.0.0/16 addresses.
 */
function statefulSetPods(sts: Doc): Doc[] {
  const spec = sts.spec as { replicas: number; template: { metadata: { labels: Record<string, string> }; spec: { hostNetwork?: boolean; containers: { name: string }[] } } };
  const house = HOUSES.indexOf(sts.metadata.namespace!.replace('network-policy-conformance-', '')) + 1;
  return Array.from({ length: spec.replicas }, (_, ordinal) => {
    const name = `${sts.metadata.name}-${ordinal}`;
    const podIP = spec.template.spec.hostNetwork ? `172.18.0.${ordinal + 2}` : `10.244.${house}.${ordinal + 10}`;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: sts.metadata.namespace,
        labels: { ...spec.template.metadata.labels, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ordinal) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: sts.metadata.name, uid: `StatefulSet/${sts.metadata.name}`, controller: true }],
      },
      spec: { ...structuredClone(spec.template.spec), hostname: name },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: spec.template.spec.containers.map((c) => ({ name: c.name, ready: true })),
        podIP,
        podIPs: [{ ip: podIP }],
      },
    };
  });
}
