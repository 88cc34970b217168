// The one table of network plugin rules: how each plugin is recognised, and whether it enforces NetworkPolicy.
// detect.ts applies it; the README's table is written from it. Sources: each plugin's own install manifests and
// Helm charts (names, labels, images, flags), and for kindnet the kind releases (see the kindnet row).

import type { DaemonSet, DaemonSetContainer } from '@/lib/model';
import type { Enforcement } from './types';
import { imageTag, isImage } from './images';

export interface Verdict {
  enforcement: Enforcement;
  reason: string;
}

export interface PluginRule {
  name: string;
  /** A DaemonSet is the plugin's when its name, one of these labels (on it or its pod template) or an image matches. */
  daemonSets?: { names: string[]; labels: [string, string][]; images: string[] };
  /** Node labels (key, and the value when given) that show the plugin where it runs outside any DaemonSet. */
  nodeLabels?: [string, string?][];
  /** Recognised from node labels only when no other plugin is (minikube's bridge is no DaemonSet at all). */
  onlyWhenAlone?: boolean;
  /** Node annotations the plugin writes: evidence for it, and never enough on their own (they outlive the plugin). */
  nodeAnnotationPrefixes?: string[];
  /** The policy API groups its CRDs serve. */
  servedGroups?: string[];
  /** Whether it enforces NetworkPolicy, from the DaemonSets that matched (empty when node labels recognised it). */
  verdict: (daemonSets: readonly DaemonSet[]) => Verdict;
  /** README: whether it enforces, in words. */
  enforces: string;
  /** What makes NetworkPolicies take effect when it does not enforce them. */
  fix?: string;
}

const enforced = (reason: string) => (): Verdict => ({ enforcement: 'enforced', reason });
const notEnforced = (reason: string) => (): Verdict => ({ enforcement: 'not-enforced', reason });

const containersOf = (daemonSets: readonly DaemonSet[]): DaemonSetContainer[] => daemonSets.flatMap((d) => d.containers);
/** The value of a setting in the given containers (the first container that has it). */
const settingOf = (containers: readonly DaemonSetContainer[], key: string) => containers.find((c) => key in c.settings)?.settings[key];

/** The container settings the rules read; the model keeps exactly these (DAEMONSET_SETTINGS, checked by a test). */
const SETTING = {
  ciliumPolicyMode: ['--enable-policy', 'CILIUM_ENABLE_POLICY'],
  kindnetPolicies: '--network-policy',
  kubeRouterFirewall: '--run-firewall',
  awsNetworkPolicy: '--enable-network-policy',
} as const;
export const SETTINGS_READ: readonly string[] = Object.values(SETTING).flat();

function ciliumVerdict(daemonSets: readonly DaemonSet[]): Verdict {
  const containers = containersOf(daemonSets);
  const key = SETTING.ciliumPolicyMode.find((k) => settingOf(containers, k) !== undefined);
  const mode = key ? settingOf(containers, key) : undefined;
  if (mode === 'never') return { enforcement: 'not-enforced', reason: `Cilium runs with ${key}=never: it enforces no policy` };
  if (mode) return { enforcement: 'enforced', reason: `Cilium enforces NetworkPolicy (${key}=${mode})` };
  return {
    enforcement: 'enforced',
    reason:
      'Cilium enforces NetworkPolicy unless its enforcement mode is "never"; that mode (enable-policy in ConfigMap ' +
      'kube-system/cilium-config) is not read, so enforcement is assumed',
  };
}

// kind's kindnetd images are tagged by build date. Up to v20240813 (kind v0.24) kindnetd enforced nothing itself:
// kind v0.24 ran kube-network-policies as its own DaemonSet (its own row). From v20241023 (kind v0.25) kindnetd embeds
// kube-network-policies. Between the two, which build embeds it is not known here: unknown. The standalone kindnet
// (sigs.k8s.io/kindnet, tagged v1.x) has enforced since v1.3.0.
const KINDNETD_WITHOUT_POLICIES_UNTIL = 20240813;
const KINDNETD_WITH_POLICIES_FROM = 20241023;
const KINDNET_IMAGES = ['kindest/kindnetd', 'aojea/kindnetd', 'networking/kindnet'];

function kindnetVerdict(daemonSets: readonly DaemonSet[]): Verdict {
  const containers = containersOf(daemonSets);
  if (settingOf(containers, SETTING.kindnetPolicies) === 'false') {
    return { enforcement: 'not-enforced', reason: 'kindnet runs with --network-policy=false' };
  }
  const image = containers.map((c) => c.image).find((i) => KINDNET_IMAGES.some((p) => isImage(i, p)));
  const tag = image ? imageTag(image) : undefined;
  const dated = tag ? /^v(\d{8})\b/.exec(tag) : null;
  if (dated) {
    const date = Number(dated[1]);
    if (date <= KINDNETD_WITHOUT_POLICIES_UNTIL) {
      return { enforcement: 'not-enforced', reason: `kindnetd ${tag} (kind v0.24 or older) has no NetworkPolicy support` };
    }
    if (date >= KINDNETD_WITH_POLICIES_FROM) {
      return { enforcement: 'enforced', reason: `kindnetd ${tag} (kind v0.25 or newer) enforces NetworkPolicy with kube-network-policies` };
    }
    return { enforcement: 'unknown', reason: `whether kindnetd ${tag} includes kube-network-policies is not known (from v20241023 it does)` };
  }
  const semver = tag ? /^v(\d+)\.(\d+)/.exec(tag) : null;
  if (semver) {
    const [major, minor] = [Number(semver[1]), Number(semver[2])];
    return major > 1 || (major === 1 && minor >= 3)
      ? { enforcement: 'enforced', reason: `kindnet ${tag} enforces NetworkPolicy (since v1.3.0)` }
      : { enforcement: 'not-enforced', reason: `kindnet ${tag} predates NetworkPolicy support (v1.3.0)` };
  }
  return { enforcement: 'unknown', reason: `the kindnet image ${image ?? '(none)'} has no tag that tells its version` };
}

function weaveVerdict(daemonSets: readonly DaemonSet[]): Verdict {
  return containersOf(daemonSets).some((c) => c.name === 'weave-npc' || isImage(c.image, 'weaveworks/weave-npc'))
    ? { enforcement: 'enforced', reason: 'Weave Net enforces NetworkPolicy with its weave-npc container' }
    : { enforcement: 'not-enforced', reason: 'Weave Net runs without its weave-npc container, which is what enforces NetworkPolicy' };
}

function kubeRouterVerdict(daemonSets: readonly DaemonSet[]): Verdict {
  const firewall = settingOf(containersOf(daemonSets), SETTING.kubeRouterFirewall);
  return firewall === 'false'
    ? { enforcement: 'not-enforced', reason: 'kube-router runs with --run-firewall=false: its NetworkPolicy firewall is off' }
    : { enforcement: 'enforced', reason: `kube-router enforces NetworkPolicy (--run-firewall ${firewall === undefined ? 'defaults to true' : `=${firewall}`})` };
}

const AWS_AGENT_IMAGE = 'amazon/aws-network-policy-agent';

function awsVerdict(daemonSets: readonly DaemonSet[]): Verdict {
  const agent = containersOf(daemonSets).find((c) => c.name === 'aws-eks-nodeagent' || isImage(c.image, AWS_AGENT_IMAGE));
  if (!agent) return { enforcement: 'not-enforced', reason: 'the AWS VPC CNI runs without its network policy agent (container aws-eks-nodeagent)' };
  const enabled = agent.settings[SETTING.awsNetworkPolicy];
  return enabled === 'true'
    ? { enforcement: 'enforced', reason: 'the AWS VPC CNI enforces NetworkPolicy with its network policy agent (--enable-network-policy=true)' }
    : {
        enforcement: 'not-enforced',
        reason: `the AWS VPC CNI's network policy agent runs with --enable-network-policy=${enabled ?? 'false (the default)'}`,
      };
}

const FLANNEL_ANNOTATIONS = 'flannel.alpha.coreos.com/';
const CALICO_ANNOTATIONS = 'projectcalico.org/';
const CALICO_GROUPS = ['crd.projectcalico.org', 'projectcalico.org'];

/** In order: a DaemonSet is claimed by the first rule it matches (canal before calico and flannel). */
export const PLUGIN_RULES: readonly PluginRule[] = [
  {
    name: 'canal',
    daemonSets: { names: ['canal', 'rke2-canal'], labels: [['k8s-app', 'canal']], images: [] },
    nodeAnnotationPrefixes: [CALICO_ANNOTATIONS, FLANNEL_ANNOTATIONS],
    servedGroups: CALICO_GROUPS,
    verdict: enforced('canal enforces NetworkPolicy: Calico enforces the policies, flannel carries the traffic'),
    enforces: 'yes (Calico enforces, flannel carries the traffic)',
  },
  {
    name: 'calico',
    daemonSets: { names: ['calico-node'], labels: [['k8s-app', 'calico-node']], images: ['calico/node'] },
    nodeAnnotationPrefixes: [CALICO_ANNOTATIONS],
    servedGroups: CALICO_GROUPS,
    verdict: enforced('Calico enforces NetworkPolicy'),
    enforces: 'yes',
  },
  {
    name: 'cilium',
    daemonSets: {
      names: ['cilium'],
      labels: [['k8s-app', 'cilium'], ['app.kubernetes.io/name', 'cilium-agent']],
      images: ['cilium/cilium'],
    },
    nodeAnnotationPrefixes: ['io.cilium.network.', 'network.cilium.io/'],
    servedGroups: ['cilium.io'],
    verdict: ciliumVerdict,
    enforces: 'yes, unless its enforcement mode is `never` (`--enable-policy` / `CILIUM_ENABLE_POLICY` on the agent; the ConfigMap is not read, so otherwise assumed)',
    fix: 'Set Cilium\'s enable-policy to "default" (ConfigMap kube-system/cilium-config) and restart the agents.',
  },
  {
    name: 'antrea',
    daemonSets: {
      names: ['antrea-agent'],
      labels: [['component', 'antrea-agent']],
      images: ['antrea/antrea-agent-ubuntu', 'antrea/antrea-ubuntu', 'antrea/antrea-agent-ubi'],
    },
    servedGroups: ['crd.antrea.io'],
    verdict: enforced('Antrea enforces NetworkPolicy'),
    enforces: 'yes',
  },
  {
    name: 'weave-net',
    daemonSets: { names: ['weave-net'], labels: [['name', 'weave-net']], images: ['weaveworks/weave-kube'] },
    verdict: weaveVerdict,
    enforces: 'yes, with its `weave-npc` container',
    fix: 'Run Weave Net with its weave-npc container (the standard weave-net DaemonSet has it).',
  },
  {
    name: 'kube-router',
    daemonSets: { names: ['kube-router'], labels: [['k8s-app', 'kube-router']], images: ['cloudnativelabs/kube-router'] },
    verdict: kubeRouterVerdict,
    enforces: 'yes, unless `--run-firewall=false`',
    fix: 'Run kube-router with --run-firewall=true.',
  },
  {
    name: 'aws-vpc-cni',
    daemonSets: { names: ['aws-node'], labels: [['k8s-app', 'aws-node']], images: ['amazon-k8s-cni'] },
    verdict: awsVerdict,
    enforces: 'only with its network policy agent: container `aws-eks-nodeagent` with `--enable-network-policy=true`',
    fix: 'Enable network policy in the VPC CNI add-on (enableNetworkPolicy: "true"), which runs the aws-eks-nodeagent container with --enable-network-policy=true.',
  },
  {
    name: 'azure-npm',
    daemonSets: { names: ['azure-npm'], labels: [['k8s-app', 'azure-npm']], images: ['containernetworking/azure-npm'] },
    verdict: enforced('Azure Network Policy Manager enforces NetworkPolicy'),
    enforces: 'yes',
  },
  {
    name: 'kube-network-policies',
    daemonSets: {
      names: ['kube-network-policies'],
      labels: [['app', 'kube-network-policies'], ['k8s-app', 'kube-network-policies']],
      images: ['networking/kube-network-policies'],
    },
    verdict: enforced('kube-network-policies enforces NetworkPolicy'),
    enforces: 'yes (kind v0.24 runs it beside kindnet)',
  },
  {
    name: 'kindnet',
    daemonSets: { names: ['kindnet'], labels: [['app', 'kindnet'], ['k8s-app', 'kindnet']], images: KINDNET_IMAGES },
    verdict: kindnetVerdict,
    enforces:
      'kind\'s `kindest/kindnetd`: no up to v20240813 (kind v0.24 and older; v0.24 adds the kube-network-policies DaemonSet), yes from v20241023 (kind v0.25 and newer), unknown between; sigs.k8s.io/kindnet v1.x: yes from v1.3.0; never with `--network-policy=false`',
    fix: 'Upgrade kind to v0.25 or newer (kindnetd with kube-network-policies), or install a plugin that enforces NetworkPolicy (Calico, Cilium).',
  },
  {
    // k3s runs flannel and kube-router's NetworkPolicy controller inside its own binary: no DaemonSet for either.
    name: 'k3s',
    nodeLabels: [['node.kubernetes.io/instance-type', 'k3s']],
    nodeAnnotationPrefixes: [FLANNEL_ANNOTATIONS],
    verdict: enforced(
      'k3s enforces NetworkPolicy with its embedded network policy controller, unless started with --disable-network-policy, which the API does not show: enforcement is assumed',
    ),
    enforces: 'yes (its embedded controller), unless started with `--disable-network-policy`, which the API does not show: assumed',
  },
  {
    name: 'flannel',
    daemonSets: {
      names: ['kube-flannel-ds', 'kube-flannel'],
      labels: [['app', 'flannel'], ['k8s-app', 'flannel']],
      images: ['flannel/flannel', 'coreos/flannel', 'flannel-io/flannel'],
    },
    nodeAnnotationPrefixes: [FLANNEL_ANNOTATIONS],
    verdict: notEnforced('flannel does not enforce NetworkPolicy, and no policy engine runs beside it'),
    enforces: 'no',
    fix: 'Run a policy engine beside flannel: Calico\'s (canal) or kube-network-policies; or switch to a plugin that enforces NetworkPolicy.',
  },
  {
    name: 'bridge (minikube)',
    nodeLabels: [['minikube.k8s.io/name']],
    onlyWhenAlone: true,
    verdict: notEnforced("minikube's default bridge CNI does not enforce NetworkPolicy, and no network plugin DaemonSet runs"),
    enforces: 'no (recognised by the `minikube.k8s.io/name` node label when no plugin DaemonSet runs)',
    fix: 'Start minikube with a CNI that enforces NetworkPolicy: minikube start --cni=calico (or --cni=cilium).',
  },
];
