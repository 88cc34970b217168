// Which network plugin runs, and whether NetworkPolicy is enforced: PLUGIN_RULES applied to the model's DaemonSets
// (any namespace), node labels and plugin annotations, and the served API groups when the model knows them. Pure.

import type { ClusterModel, DaemonSet, Node } from '@/lib/model';
import { unsyncedProblems } from '@/lib/analysis/sync-state';
import { byCodeUnits, qualifiedName } from '@/lib/model/names';
import { isImage } from './images';
import { PLUGIN_RULES, type PluginRule } from './rules';
import type { DetectedPlugin, EnforcementResult } from './types';

type Labelled = { meta: { labels: Record<string, string> } };

const hasLabel = (o: Labelled | DaemonSet, [key, value]: readonly [string, string?]) =>
  key in o.meta.labels && (value === undefined || o.meta.labels[key] === value);

/** What of the DaemonSet matches the rule: its name, a label (on it or its pod template), an image. */
function daemonSetMatch(rule: PluginRule, ds: DaemonSet): string[] {
  const spec = rule.daemonSets;
  if (!spec) return [];
  const found: string[] = [];
  if (spec.names.includes(ds.meta.name)) found.push(`name "${ds.meta.name}"`);
  const label = spec.labels.find(([k, v]) => ds.meta.labels[k] === v || ds.podLabels[k] === v);
  if (label) found.push(`label ${label[0]}=${label[1]}`);
  const image = ds.containers.find((c) => spec.images.some((p) => isImage(c.image, p)));
  if (image) found.push(`image ${image.image}`);
  return found;
}

/** `Node a: label x=y` for the first node, then "(and N more nodes)". */
function nodeEvidence(nodes: readonly Node[], what: (n: Node) => string | undefined): string | undefined {
  const matched = nodes.map((n) => [n, what(n)] as const).filter((m): m is readonly [Node, string] => m[1] !== undefined);
  const [first] = matched;
  if (!first) return undefined;
  const more = matched.length > 1 ? ` (and ${matched.length - 1} more node${matched.length > 2 ? 's' : ''})` : '';
  return `Node ${first[0].meta.name}: ${first[1]}${more}`;
}

interface Detection {
  rule: PluginRule;
  daemonSets: DaemonSet[];
  /** Recognised by node labels (k3s, minikube): its verdict applies without a DaemonSet. */
  byNodeLabels: boolean;
  evidence: string[];
}

export function detectEnforcement(model: ClusterModel): EnforcementResult {
  const detections = new Map<PluginRule, Detection>();
  const detectionOf = (rule: PluginRule) => {
    let d = detections.get(rule);
    if (!d) detections.set(rule, (d = { rule, daemonSets: [], byNodeLabels: false, evidence: [] }));
    return d;
  };

  // DaemonSets: each is claimed by the first rule it matches.
  const daemonSets = [...model.resources.daemonsets].sort((a, b) => byCodeUnits(qualifiedName(a), qualifiedName(b)));
  for (const ds of daemonSets) {
    for (const rule of PLUGIN_RULES) {
      const match = daemonSetMatch(rule, ds);
      if (match.length === 0) continue;
      const d = detectionOf(rule);
      d.daemonSets.push(ds);
      d.evidence.push(`DaemonSet ${qualifiedName(ds)}: ${match.join(', ')}`);
      break;
    }
  }

  // Nodes: labels recognise plugins that run outside any DaemonSet; annotations back a plugin already found (or the
  // one that shares them: canal writes Calico's and flannel's), and alone name a plugin without deciding anything.
  const nodes = model.resources.nodes;
  for (const rule of PLUGIN_RULES) {
    const labelled = (rule.nodeLabels ?? []).length > 0
      ? nodeEvidence(nodes, (n) => {
          const label = rule.nodeLabels!.find((l) => hasLabel(n, l));
          return label ? `label ${label[0]}=${n.meta.labels[label[0]]}` : undefined;
        })
      : undefined;
    if (labelled && !(rule.onlyWhenAlone && detections.size > 0)) {
      const d = detectionOf(rule);
      d.byNodeLabels = true;
      d.evidence.push(labelled);
    }
  }
  const prefixes = new Set(PLUGIN_RULES.flatMap((r) => r.nodeAnnotationPrefixes ?? []));
  for (const prefix of prefixes) {
    const annotated = nodeEvidence(nodes, (n) => {
      const key = Object.keys(n.pluginAnnotations ?? {}).find((k) => k.startsWith(prefix));
      return key === undefined ? undefined : `annotation ${key}`;
    });
    if (!annotated) continue;
    const claimed = [...detections.values()].find((d) => d.rule.nodeAnnotationPrefixes?.includes(prefix));
    (claimed ?? detectionOf(annotationOwner(prefix))).evidence.push(annotated);
  }

  // Served API groups (from discovery; a policy CRD group such as cilium.io, crd.projectcalico.org, crd.antrea.io)
  // back a plugin found; those of a plugin not found are kept for the verdict, which they keep from "not enforced".
  const unmatchedGroups: string[] = [];
  for (const group of model.servedGroups ?? []) {
    const rules = PLUGIN_RULES.filter((r) => r.servedGroups?.includes(group));
    if (rules.length === 0) continue;
    const found = rules.map((r) => detections.get(r)).find((d) => d !== undefined);
    if (found) found.evidence.push(`API group ${group} is served`);
    else unmatchedGroups.push(`${group} (${rules.map((r) => r.name).join(', ')})`);
  }

  const plugins = [...detections.values()].map(toPlugin);
  return { plugins, ...decide(model, plugins, unmatchedGroups) };
}

/**
 * The plugin that annotations name when no plugin found claims them: the rule that writes only these (flannel's are
 * flannel's, not canal's), and not one recognised by node labels (k3s writes flannel's too).
 */
function annotationOwner(prefix: string): PluginRule {
  const candidates = PLUGIN_RULES.filter((r) => r.nodeAnnotationPrefixes?.includes(prefix) && !r.nodeLabels);
  const owner = [...candidates].sort((a, b) => (a.nodeAnnotationPrefixes?.length ?? 0) - (b.nodeAnnotationPrefixes?.length ?? 0))[0];
  if (!owner) throw new Error(`no rule owns node annotations ${prefix}`);
  return owner;
}

function toPlugin(d: Detection): DetectedPlugin {
  const verdict =
    d.daemonSets.length > 0 || d.byNodeLabels
      ? d.rule.verdict(d.daemonSets)
      : {
          enforcement: 'unknown' as const,
          reason: `${d.rule.name}'s node annotations are there but no ${d.rule.name} DaemonSet is: it runs outside Kubernetes, or was removed and left them`,
        };
  return {
    name: d.rule.name,
    evidence: d.evidence,
    enforcement: verdict.enforcement,
    reason: verdict.reason,
    ...(verdict.enforcement === 'not-enforced' && d.rule.fix ? { fix: d.rule.fix } : {}),
  };
}

function decide(model: ClusterModel, plugins: readonly DetectedPlugin[], unmatchedGroups: readonly string[]): Pick<EnforcementResult, 'enforcement' | 'reason'> {
  const daemonSetsUnsynced = unsyncedProblems(model, ['daemonsets']);
  if (daemonSetsUnsynced) return { enforcement: 'unknown', reason: `unknown: ${daemonSetsUnsynced}, so the network plugin cannot be told` };
  const enforcing = plugins.filter((p) => p.enforcement === 'enforced');
  if (enforcing.length > 0) return { enforcement: 'enforced', reason: enforcing.map((p) => p.reason).join('; ') };
  const nodesUnsynced = unsyncedProblems(model, ['nodes']);
  if (nodesUnsynced) return { enforcement: 'unknown', reason: `unknown: ${nodesUnsynced}, and no DaemonSet shows a plugin that enforces NetworkPolicy` };
  const unknown = plugins.filter((p) => p.enforcement === 'unknown');
  if (unknown.length > 0) return { enforcement: 'unknown', reason: `unknown: ${unknown.map((p) => p.reason).join('; ')}` };
  if (plugins.length === 0) {
    return {
      enforcement: 'unknown',
      reason:
        'unknown: no known network plugin was found (no DaemonSet, node label or annotation matches one), so whether NetworkPolicy is enforced cannot be told' +
        (unmatchedGroups.length > 0 ? `; the API serves the policy CRDs of ${unmatchedGroups.join(', ')}` : ''),
    };
  }
  const names = plugins.map((p) => p.name).join(' and ');
  if (unmatchedGroups.length > 0) {
    return {
      enforcement: 'unknown',
      reason: `unknown: ${names} does not enforce NetworkPolicy, but the API serves the policy CRDs of ${unmatchedGroups.join(', ')}, whose agent was not found`,
    };
  }
  return { enforcement: 'not-enforced', reason: plugins.map((p) => p.reason).join('; ') };
}
