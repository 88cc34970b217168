// Which network plugin runs and whether it enforces NetworkPolicy, case by case. Each case names the rule it proves.
// The objects are as the plugins' own install manifests and Helm charts write them (names, labels, images, flags).
// Over 400 lines as one idea: the tests of one function.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyModel, normalize, type ClusterModel, type DaemonSet, type Node, type SyncState } from '@/lib/model';
import { DAEMONSET_SETTINGS, NODE_PLUGIN_ANNOTATION_PREFIXES } from '@/lib/model/normalize';
import { node } from '@/lib/analysis/testing/builders';
import { detectEnforcement } from './detect';
import { PLUGIN_RULES, SETTINGS_READ } from './rules';
import type { Enforcement } from './types';

interface ContainerInit {
  name: string;
  image: string;
  args?: string[];
  env?: Record<string, string>;
}

/** A DaemonSet as its install manifest writes it, normalised as the sources do. */
function daemonSet(ref: string, labels: Record<string, string>, containers: ContainerInit[], podLabels = labels): DaemonSet {
  const [namespace, name] = ref.split('/');
  return normalize('daemonsets', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, uid: `ds-${ref}`, labels },
    spec: {
      template: {
        metadata: { labels: podLabels },
        spec: {
          containers: containers.map((c) => ({
            name: c.name,
            image: c.image,
            ...(c.args ? { args: c.args } : {}),
            ...(c.env ? { env: Object.entries(c.env).map(([n, value]) => ({ name: n, value })) } : {}),
          })),
        },
      },
    },
  });
}

// Every cluster runs kube-proxy (or not); it is never a network plugin.
const kubeProxy = daemonSet('kube-system/kube-proxy', { 'k8s-app': 'kube-proxy' }, [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.31.0' }]);

const kindnet = (tag: string, args?: string[]) =>
  daemonSet('kube-system/kindnet', { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' }, [
    { name: 'kindnet-cni', image: `docker.io/kindest/kindnetd:${tag}`, ...(args ? { args } : {}) },
  ]);
// kind v0.24's own manifest for it (pkg/build/nodeimage/const_networkpolicy.go).
const kubeNetworkPolicies = daemonSet('kube-system/kube-network-policies', { app: 'kube-network-policies', 'k8s-app': 'kube-network-policies', tier: 'node' }, [
  { name: 'kube-network-policies', image: 'registry.k8s.io/networking/kube-network-policies:v0.4.0', args: ['/bin/netpol', '-v', '2'] },
]);
const flannel = daemonSet('kube-flannel/kube-flannel-ds', { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' }, [
  { name: 'kube-flannel', image: 'ghcr.io/flannel-io/flannel:v0.26.4', args: ['--ip-masq', '--kube-subnet-mgr'] },
]);
const canal = daemonSet('kube-system/canal', { 'k8s-app': 'canal' }, [
  { name: 'calico-node', image: 'docker.io/calico/node:v3.29.1', env: { CALICO_NETWORKING_BACKEND: 'none' } },
  { name: 'kube-flannel', image: 'docker.io/flannel/flannel:v0.26.1', args: ['--ip-masq', '--kube-subnet-mgr'] },
]);
const calicoNode = daemonSet('calico-system/calico-node', { 'k8s-app': 'calico-node' }, [{ name: 'calico-node', image: 'quay.io/calico/node:v3.29.1' }]);
const cilium = (container: Partial<ContainerInit> = {}) =>
  daemonSet(
    'kube-system/cilium',
    { 'app.kubernetes.io/name': 'cilium-agent', 'app.kubernetes.io/part-of': 'cilium', 'k8s-app': 'cilium' },
    [{ name: 'cilium-agent', image: 'quay.io/cilium/cilium:v1.16.5@sha256:758ca0793f5995bb938a2fa219dcce63dc0b3fa7fc4ce5cc851125281fb7361d', args: ['--config-dir=/tmp/cilium/config-map'], ...container }],
  );
const antrea = daemonSet('kube-system/antrea-agent', { app: 'antrea', component: 'antrea-agent' }, [
  { name: 'antrea-agent', image: 'antrea/antrea-agent-ubuntu:v2.2.0' },
  { name: 'antrea-ovs', image: 'antrea/antrea-agent-ubuntu:v2.2.0' },
]);
const weave = (npc: boolean) =>
  daemonSet('kube-system/weave-net', { name: 'weave-net' }, [
    { name: 'weave', image: 'weaveworks/weave-kube:latest' },
    ...(npc ? [{ name: 'weave-npc', image: 'weaveworks/weave-npc:latest' }] : []),
  ]);
const kubeRouter = (args: string[]) =>
  daemonSet('kube-system/kube-router', { 'k8s-app': 'kube-router', tier: 'node' }, [{ name: 'kube-router', image: 'docker.io/cloudnativelabs/kube-router:v2.4.1', args }]);
const awsNode = (agentArgs?: string[]) =>
  daemonSet('kube-system/aws-node', { 'app.kubernetes.io/name': 'aws-node', 'k8s-app': 'aws-node' }, [
    { name: 'aws-node', image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1' },
    ...(agentArgs
      ? [{ name: 'aws-eks-nodeagent', image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.1.6-eksbuild.1', args: agentArgs }]
      : []),
  ]);
const azureNpm = daemonSet('kube-system/azure-npm', { 'k8s-app': 'azure-npm', addonmanager: 'Reconcile' } as Record<string, string>, [
  { name: 'azure-npm', image: 'mcr.microsoft.com/containernetworking/azure-npm:v1.5.45' },
]);

const kindNode = (name: string, init: Partial<Node> = {}) => node(name, { labels: { 'kubernetes.io/hostname': name }, ...init });
const minikubeNode = node('minikube', { labels: { 'minikube.k8s.io/name': 'minikube', 'minikube.k8s.io/version': 'v1.34.0' } });
const k3sNode = node('k3d-dev-server-0', {
  labels: { 'node.kubernetes.io/instance-type': 'k3s', 'node-role.kubernetes.io/control-plane': 'true' },
  pluginAnnotations: { 'flannel.alpha.coreos.com/backend-type': 'vxlan', 'flannel.alpha.coreos.com/kube-subnet-manager': 'true' },
});
const flannelNodes = ['worker-1', 'worker-2', 'worker-3'].map((n) =>
  node(n, { pluginAnnotations: { 'flannel.alpha.coreos.com/backend-type': 'vxlan', 'flannel.alpha.coreos.com/public-ip': '172.18.0.3' } }),
);
const canalNode = node('rke2-agent-1', {
  pluginAnnotations: { 'projectcalico.org/IPv4Address': '172.18.0.4/16', 'flannel.alpha.coreos.com/backend-type': 'vxlan' },
});
const ciliumNode = node('kind-control-plane', { pluginAnnotations: { 'network.cilium.io/ipv4-cilium-host': '10.244.0.187' } });

function model(daemonSets: DaemonSet[], nodes: Node[] = [kindNode('kind-control-plane')], sync: Partial<Record<'daemonsets' | 'nodes', SyncState>> = {}): ClusterModel {
  const m = emptyModel({ status: 'synced' });
  m.resources.daemonsets = daemonSets;
  m.resources.nodes = nodes;
  Object.assign(m.sync, sync);
  return m;
}

interface Case {
  name: string;
  model: ClusterModel;
  servedGroups?: string[];
  enforcement: Enforcement;
  /** "name=enforcement" per plugin found, in order. */
  plugins: string[];
  reason: string;
  evidence?: string[];
  fix?: string;
}

const FORBIDDEN: SyncState = { status: 'forbidden', message: 'daemonsets.apps is forbidden: User "viewer" cannot list resource "daemonsets"' };

const cases: Case[] = [
  // kind and kindnet
  {
    name: 'kindnet image v20240513-cd2ac642 (kind v0.23) alone does not enforce',
    model: model([kindnet('v20240513-cd2ac642'), kubeProxy]),
    enforcement: 'not-enforced',
    plugins: ['kindnet=not-enforced'],
    reason: 'kindnetd v20240513-cd2ac642 (kind v0.24 or older) has no NetworkPolicy support',
    evidence: ['DaemonSet kube-system/kindnet: name "kindnet", label app=kindnet, image docker.io/kindest/kindnetd:v20240513-cd2ac642'],
    fix: 'Upgrade kind to v0.25 or newer',
  },
  {
    name: 'kind v0.24: kindnet v20240813-c6f155d6 with the kube-network-policies DaemonSet enforces',
    model: model([kindnet('v20240813-c6f155d6'), kubeNetworkPolicies, kubeProxy]),
    enforcement: 'enforced',
    plugins: ['kindnet=not-enforced', 'kube-network-policies=enforced'],
    reason: 'kube-network-policies enforces NetworkPolicy',
  },
  {
    name: 'kindnet image v20241023-a345ebe4 (kind v0.25) embeds kube-network-policies: enforces',
    model: model([kindnet('v20241023-a345ebe4'), kubeProxy]),
    enforcement: 'enforced',
    plugins: ['kindnet=enforced'],
    reason: 'kindnetd v20241023-a345ebe4 (kind v0.25 or newer) enforces NetworkPolicy with kube-network-policies',
  },
  {
    name: 'kindnet image v20251212-v0.29.0-alpha-105-g20ccfc88 (a kind built from source) enforces',
    model: model([kindnet('v20251212-v0.29.0-alpha-105-g20ccfc88')]),
    enforcement: 'enforced',
    plugins: ['kindnet=enforced'],
    reason: 'kindnetd v20251212-v0.29.0-alpha-105-g20ccfc88 (kind v0.25 or newer)',
  },
  {
    name: 'kindnet image v20240902 (between kind v0.24 and v0.25 builds): unknown, never a guess',
    model: model([kindnet('v20240902-3a5d1f0e')]),
    enforcement: 'unknown',
    plugins: ['kindnet=unknown'],
    reason: 'whether kindnetd v20240902-3a5d1f0e includes kube-network-policies is not known',
  },
  {
    name: 'kindnet with --network-policy=false does not enforce, whatever its version',
    model: model([kindnet('v20250512-df8de77b', ['--network-policy=false'])]),
    enforcement: 'not-enforced',
    plugins: ['kindnet=not-enforced'],
    reason: 'kindnet runs with --network-policy=false',
  },
  {
    name: 'standalone kindnet (sigs.k8s.io/kindnet) v1.8.5 enforces (since v1.3.0)',
    model: model([daemonSet('kube-system/kindnet', { app: 'kindnet', 'k8s-app': 'kindnet' }, [{ name: 'kindnet-cni', image: 'ghcr.io/aojea/kindnetd:v1.8.5' }])]),
    enforcement: 'enforced',
    plugins: ['kindnet=enforced'],
    reason: 'kindnet v1.8.5 enforces NetworkPolicy',
  },
  // flannel, canal, calico
  {
    name: 'flannel alone does not enforce; its node annotations back it',
    model: model([flannel, kubeProxy], flannelNodes),
    enforcement: 'not-enforced',
    plugins: ['flannel=not-enforced'],
    reason: 'flannel does not enforce NetworkPolicy',
    evidence: [
      'DaemonSet kube-flannel/kube-flannel-ds: name "kube-flannel-ds", label app=flannel, image ghcr.io/flannel-io/flannel:v0.26.4',
      'Node worker-1: annotation flannel.alpha.coreos.com/backend-type (and 2 more nodes)',
    ],
    fix: "Calico's (canal) or kube-network-policies",
  },
  {
    name: 'canal (calico + flannel in one DaemonSet) enforces, and claims both plugins\' node annotations',
    model: model([canal], [canalNode]),
    enforcement: 'enforced',
    plugins: ['canal=enforced'],
    reason: 'Calico enforces the policies, flannel carries the traffic',
    evidence: [
      'DaemonSet kube-system/canal: name "canal", label k8s-app=canal',
      'Node rke2-agent-1: annotation projectcalico.org/IPv4Address',
      'Node rke2-agent-1: annotation flannel.alpha.coreos.com/backend-type',
    ],
  },
  {
    name: 'flannel with a separate calico-node DaemonSet (Calico for policy) enforces',
    model: model([flannel, calicoNode], flannelNodes),
    enforcement: 'enforced',
    plugins: ['calico=enforced', 'flannel=not-enforced'],
    reason: 'Calico enforces NetworkPolicy',
  },
  {
    name: 'calico-node installed by the Tigera operator (namespace calico-system) enforces',
    model: model([calicoNode, kubeProxy]),
    servedGroups: ['crd.projectcalico.org', 'operator.tigera.io'],
    enforcement: 'enforced',
    plugins: ['calico=enforced'],
    reason: 'Calico enforces NetworkPolicy',
    evidence: ['DaemonSet calico-system/calico-node: name "calico-node", label k8s-app=calico-node, image quay.io/calico/node:v3.29.1', 'API group crd.projectcalico.org is served'],
  },
  {
    name: 'Calico node annotations without a calico-node DaemonSet: plugin named, enforcement unknown (annotations outlive the plugin)',
    model: model([kubeProxy], [node('n1', { pluginAnnotations: { 'projectcalico.org/IPv4Address': '10.0.0.4/24' } })]),
    enforcement: 'unknown',
    plugins: ['calico=unknown'],
    reason: "calico's node annotations are there but no calico DaemonSet is",
  },
  // minikube
  {
    name: "minikube's bridge (no CNI DaemonSet, minikube node label) does not enforce",
    model: model([kubeProxy], [minikubeNode]),
    enforcement: 'not-enforced',
    plugins: ['bridge (minikube)=not-enforced'],
    reason: "minikube's default bridge CNI does not enforce NetworkPolicy",
    evidence: ['Node minikube: label minikube.k8s.io/name=minikube'],
    fix: 'minikube start --cni=calico',
  },
  {
    name: 'minikube with a CNI DaemonSet is judged by that plugin, not as the bridge',
    model: model([calicoNode, kubeProxy], [minikubeNode]),
    enforcement: 'enforced',
    plugins: ['calico=enforced'],
    reason: 'Calico enforces NetworkPolicy',
  },
  // nothing known
  {
    name: 'a generic cluster where nothing identifies a plugin: unknown, never a guess',
    model: model([kubeProxy, daemonSet('monitoring/node-exporter', { app: 'node-exporter' }, [{ name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2' }])]),
    enforcement: 'unknown',
    plugins: [],
    reason: 'unknown: no known network plugin was found',
  },
  {
    name: 'a cluster with no DaemonSet and no nodes at all (manifests of an application): unknown',
    model: model([], []),
    enforcement: 'unknown',
    plugins: [],
    reason: 'unknown: no known network plugin was found',
  },
  // cilium
  {
    name: 'cilium (Helm) enforces; its enforcement mode is not read, which the reason says',
    model: model([cilium()], [ciliumNode]),
    servedGroups: ['cilium.io', 'apps'],
    enforcement: 'enforced',
    plugins: ['cilium=enforced'],
    reason: 'enforcement is assumed',
    evidence: [
      'DaemonSet kube-system/cilium: name "cilium", label k8s-app=cilium, image quay.io/cilium/cilium:v1.16.5@sha256:758ca0793f5995bb938a2fa219dcce63dc0b3fa7fc4ce5cc851125281fb7361d',
      'Node kind-control-plane: annotation network.cilium.io/ipv4-cilium-host',
      'API group cilium.io is served',
    ],
  },
  {
    name: 'cilium with CILIUM_ENABLE_POLICY=never on the agent does not enforce',
    model: model([cilium({ env: { CILIUM_ENABLE_POLICY: 'never' } })]),
    enforcement: 'not-enforced',
    plugins: ['cilium=not-enforced'],
    reason: 'Cilium runs with CILIUM_ENABLE_POLICY=never',
    fix: 'enable-policy to "default"',
  },
  {
    name: 'cilium with --enable-policy=always enforces, no assumption',
    model: model([cilium({ args: ['--config-dir=/tmp/cilium/config-map', '--enable-policy=always'] })]),
    enforcement: 'enforced',
    plugins: ['cilium=enforced'],
    reason: 'Cilium enforces NetworkPolicy (--enable-policy=always)',
  },
  // the others
  { name: 'antrea enforces', model: model([antrea]), enforcement: 'enforced', plugins: ['antrea=enforced'], reason: 'Antrea enforces NetworkPolicy' },
  { name: 'weave-net with weave-npc enforces', model: model([weave(true)]), enforcement: 'enforced', plugins: ['weave-net=enforced'], reason: 'weave-npc container' },
  {
    name: 'weave-net without weave-npc does not enforce',
    model: model([weave(false)]),
    enforcement: 'not-enforced',
    plugins: ['weave-net=not-enforced'],
    reason: 'without its weave-npc container',
  },
  {
    name: 'kube-router enforces (--run-firewall defaults to true)',
    model: model([kubeRouter(['--run-router=true', '--run-service-proxy=false'])]),
    enforcement: 'enforced',
    plugins: ['kube-router=enforced'],
    reason: '--run-firewall defaults to true',
  },
  {
    name: 'kube-router with --run-firewall=false does not enforce',
    model: model([kubeRouter(['--run-router=true', '--run-firewall=false'])]),
    enforcement: 'not-enforced',
    plugins: ['kube-router=not-enforced'],
    reason: '--run-firewall=false',
  },
  {
    name: 'aws-node with its network policy agent enabled enforces',
    model: model([awsNode(['--enable-ipv6=false', '--enable-network-policy=true'])]),
    enforcement: 'enforced',
    plugins: ['aws-vpc-cni=enforced'],
    reason: '--enable-network-policy=true',
  },
  {
    name: 'aws-node with its network policy agent disabled (the add-on default) does not enforce',
    model: model([awsNode(['--enable-ipv6=false', '--enable-network-policy=false'])]),
    enforcement: 'not-enforced',
    plugins: ['aws-vpc-cni=not-enforced'],
    reason: '--enable-network-policy=false',
    fix: 'enableNetworkPolicy',
  },
  {
    name: 'aws-node without the agent container (VPC CNI before 1.14) does not enforce',
    model: model([awsNode()]),
    enforcement: 'not-enforced',
    plugins: ['aws-vpc-cni=not-enforced'],
    reason: 'without its network policy agent',
  },
  { name: 'azure-npm enforces', model: model([azureNpm]), enforcement: 'enforced', plugins: ['azure-npm=enforced'], reason: 'Azure Network Policy Manager' },
  {
    name: 'kube-network-policies alone enforces',
    model: model([kubeNetworkPolicies]),
    enforcement: 'enforced',
    plugins: ['kube-network-policies=enforced'],
    reason: 'kube-network-policies enforces NetworkPolicy',
  },
  {
    name: 'k3s (node label, no DaemonSet) enforces with its embedded controller, assumed; its flannel annotations are its own',
    model: model([], [k3sNode]),
    enforcement: 'enforced',
    plugins: ['k3s=enforced'],
    reason: 'enforcement is assumed',
    evidence: ['Node k3d-dev-server-0: label node.kubernetes.io/instance-type=k3s', 'Node k3d-dev-server-0: annotation flannel.alpha.coreos.com/backend-type'],
  },
  // sync states and served groups
  {
    name: 'DaemonSets forbidden => unknown, with the reason, even when nodes show flannel',
    model: model([], flannelNodes, { daemonsets: FORBIDDEN }),
    enforcement: 'unknown',
    plugins: ['flannel=unknown'],
    reason: 'unknown: daemonsets cannot be read (forbidden: daemonsets.apps is forbidden',
  },
  {
    name: 'DaemonSets still loading => unknown',
    model: model([], [], { daemonsets: { status: 'syncing' } }),
    enforcement: 'unknown',
    plugins: [],
    reason: 'unknown: daemonsets are still loading',
  },
  {
    name: 'flannel with nodes forbidden => unknown (a node-level plugin such as k3s cannot be ruled out)',
    model: model([flannel], [], { nodes: { status: 'forbidden', message: 'nodes is forbidden' } }),
    enforcement: 'unknown',
    plugins: ['flannel=not-enforced'],
    reason: 'unknown: nodes cannot be read',
  },
  {
    name: 'cilium with nodes forbidden is still enforced: a running enforcing plugin is proof enough',
    model: model([cilium()], [], { nodes: { status: 'forbidden', message: 'nodes is forbidden' } }),
    enforcement: 'enforced',
    plugins: ['cilium=enforced'],
    reason: 'Cilium enforces NetworkPolicy',
  },
  {
    name: 'flannel while the API serves cilium.io => unknown, not "not enforced" (an enforcing plugin may be there)',
    model: model([flannel], flannelNodes),
    servedGroups: ['cilium.io', 'policy.networking.k8s.io'],
    enforcement: 'unknown',
    plugins: ['flannel=not-enforced'],
    reason: 'the API serves the policy CRDs of cilium.io (cilium)',
  },
];

describe('detectEnforcement', () => {
  it.each(cases)('$name', (c) => {
    const result = detectEnforcement(c.servedGroups ? { ...c.model, servedGroups: c.servedGroups } : c.model);
    expect(result.enforcement).toBe(c.enforcement);
    expect(result.plugins.map((p) => `${p.name}=${p.enforcement}`)).toStrictEqual(c.plugins);
    expect(result.reason).toContain(c.reason);
    if (c.evidence) expect(result.plugins[0]?.evidence).toStrictEqual(c.evidence);
    if (c.fix) expect(result.plugins.find((p) => p.enforcement === 'not-enforced')?.fix).toContain(c.fix);
  });
});

describe('the rules table', () => {
  it('reads only container settings the model keeps (DAEMONSET_SETTINGS), and the model keeps no other', () => {
    expect([...SETTINGS_READ].sort()).toStrictEqual([...DAEMONSET_SETTINGS].sort());
  });

  it('reads only node annotations the model keeps (NODE_PLUGIN_ANNOTATION_PREFIXES)', () => {
    const read = new Set(PLUGIN_RULES.flatMap((r) => r.nodeAnnotationPrefixes ?? []));
    expect([...read].sort()).toStrictEqual([...NODE_PLUGIN_ANNOTATION_PREFIXES].sort());
  });

  it('names each plugin once, and gives a fix wherever a plugin can fail to enforce', () => {
    expect(new Set(PLUGIN_RULES.map((r) => r.name)).size).toBe(PLUGIN_RULES.length);
    for (const rule of PLUGIN_RULES.filter((r) => r.enforces !== 'yes' && !r.enforces.startsWith('yes ('))) expect(rule.fix, rule.name).toBeTruthy();
  });
});

describe("the README's table of plugins", () => {
  it('has one row per rule, written from it (name and whether it enforces)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const rule of PLUGIN_RULES) expect(readme, rule.name).toContain(`| ${rule.name} | ${rule.enforces} |`);
  });
});
