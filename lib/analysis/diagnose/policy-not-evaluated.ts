// policy-not-evaluated: a policy the engine does not evaluate (a network plugin's own: Calico's; Cilium's host
// policies and rules whose selection cannot be told) selects pods, so every verdict on their connections in the directions it applies to is "unknown", never a guess.
// One finding per policy, from policy/not-evaluated.ts's notEvaluatedSelecting over the model's pods: whatever kinds
// that hook returns are reported here, with the hook's own words for why.

import type { Direction } from '@/lib/analysis/policy/types';
import { POLICY_KINDS } from '@/lib/analysis/policy/kinds';
import { notEvaluatedSelecting, type NotEvaluatedPolicy } from '@/lib/analysis/policy/not-evaluated';
import type { Pod } from '@/lib/model';
import { byCodeUnits, qualifiedName } from '@/lib/model/names';
import { finding, listText, objectOf, plural } from './helpers';
import type { Check, FindingObject } from './types';

const CHECK = 'policy-not-evaluated';
/** The pods a finding lists among its objects; the message counts them all. */
const PODS_LISTED = 5;

interface Selection {
  policy: FindingObject;
  pods: Pod[];
  directions: Set<Direction>;
  reasons: Set<string>;
  /** Pods it may select, and why that cannot be told. */
  unsure: Map<Pod, string>;
}

export const policyNotEvaluated: Check = {
  check: CHECK,
  needs: POLICY_KINDS,
  run({ model, index }) {
    const byPolicy = new Map<string, Selection>();
    const record = (pod: Pod, direction: Direction, policy: NotEvaluatedPolicy) => {
      const object: FindingObject = { kind: policy.kind, ...(policy.namespace ? { namespace: policy.namespace } : {}), name: policy.name };
      const key = `${policy.kind}\u0000${policy.namespace ?? ''}\u0000${policy.name}`;
      let selection = byPolicy.get(key);
      if (!selection) byPolicy.set(key, (selection = { policy: object, pods: [], directions: new Set(), reasons: new Set(), unsure: new Map() }));
      if (selection.pods.at(-1) !== pod) selection.pods.push(pod);
      selection.directions.add(direction);
      selection.reasons.add(policy.reason);
      if (policy.selection === 'may select' && policy.unsure) selection.unsure.set(pod, policy.unsure);
    };
    for (const pod of model.resources.pods) {
      for (const direction of ['ingress', 'egress'] as const) for (const policy of notEvaluatedSelecting(pod, direction, index)) record(pod, direction, policy);
    }
    return [...byPolicy.values()].map(({ policy, pods, directions, reasons, unsure }) => {
      const sorted = [...pods].sort((a, b) => byCodeUnits(qualifiedName(a), qualifiedName(b)));
      const direction = directions.size === 2 ? 'ingress and egress' : [...directions][0];
      const doubt = unsure.size > 0 ? ` It may select ${unsure.size} of them: ${[...new Set(unsure.values())].join('; ')}.` : '';
      return finding(CHECK, 'info', [policy, ...sorted.slice(0, PODS_LISTED).map((p) => objectOf('Pod', p))], {
        message:
          `${policy.kind} ${policy.namespace ? `${policy.namespace}/` : ''}${policy.name} selects ${plural(pods.length, 'pod')} ` +
          `(${listText(sorted.map(qualifiedName), 3)}) for ${direction}, and ${[...reasons].join('; ')}: the verdicts on their ${direction} connections are unknown.${doubt}`,
        hint:
          "Check what the policy allows with the network plugin's own tools, or express the rule as a Kubernetes NetworkPolicy, " +
          'which kube-netmap evaluates. Until then, explain, reach and the map answer "unknown" for these pods.',
      });
    });
  },
};
