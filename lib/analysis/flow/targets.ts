import { parseIp } from '../net/cidr';

/** What a person names as one end of a flow. */
export type FlowTarget =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'service'; namespace: string; name: string }
  /** A workload (a Deployment, or any kind a pod's controller chain names): its pods. */
  | { kind: 'workload'; workloadKind: string; namespace: string; name: string }
  | { kind: 'ip'; ip: string }
  | { kind: 'dns'; name: string };

/** The workload kinds by the names kubectl takes for them (short, singular, plural). */
export const WORKLOAD_PREFIXES: Readonly<Record<string, string>> = {
  deploy: 'Deployment',
  deployment: 'Deployment',
  deployments: 'Deployment',
  sts: 'StatefulSet',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  ds: 'DaemonSet',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
  rs: 'ReplicaSet',
  replicaset: 'ReplicaSet',
  replicasets: 'ReplicaSet',
  rc: 'ReplicationController',
  replicationcontroller: 'ReplicationController',
  replicationcontrollers: 'ReplicationController',
  job: 'Job',
  jobs: 'Job',
  cj: 'CronJob',
  cronjob: 'CronJob',
  cronjobs: 'CronJob',
};

const POD_PREFIXES = new Set(['pod', 'po', 'pods']);
const SERVICE_PREFIXES = new Set(['svc', 'service', 'services']);

/** The forms a target takes, for messages. */
export const TARGET_FORMS = 'pod/NS/NAME, svc/NS/NAME, deploy/NS/NAME (or sts/, ds/, ...), NS/Kind/NAME, NS/NAME, a DNS name or an IP';

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
/** A kind as `connectivity` prints it in `NS/Kind/NAME`: Kubernetes kinds are UpperCamelCase, names never are. */
const KIND = /^[A-Z][A-Za-z0-9]{0,62}$/;

/** How a target's text splits, before its names are checked: shared by the parser and the validator. */
export type TargetShape =
  | { kind: 'pod' | 'service'; names: string[] }
  | { kind: 'workload'; workloadKind: string; names: string[] }
  | { kind: 'ip' }
  | { kind: 'dns' };

/**
 * `pod/…`, `svc/…` and the workload prefixes take `NS/NAME` or `NAME`; `NS/Kind/NAME` is the form `connectivity`
 * prints; any other text with a slash is `NS/NAME` (a pod). A kind prefix wins over a namespace of the same name:
 * a pod in namespace `deploy` is `pod/deploy/NAME`.
 */
export function targetShape(text: string): TargetShape {
  if (parseIp(text)) return { kind: 'ip' };
  if (!text.includes('/')) return { kind: 'dns' };
  const [first, ...rest] = text.split('/') as [string, ...string[]];
  if (POD_PREFIXES.has(first)) return { kind: 'pod', names: rest };
  if (SERVICE_PREFIXES.has(first)) return { kind: 'service', names: rest };
  const prefixed = Object.hasOwn(WORKLOAD_PREFIXES, first) ? WORKLOAD_PREFIXES[first] : undefined;
  if (prefixed) return { kind: 'workload', workloadKind: prefixed, names: rest };
  if (rest.length === 2 && KIND.test(rest[0]!)) return { kind: 'workload', workloadKind: rest[0]!, names: [first, rest[1]!] };
  return { kind: 'pod', names: [first, ...rest] };
}

/**
 * Reads one end of a flow: a pod (`pod/NS/NAME`, `pod/NAME`, `NS/NAME`), a Service (`svc/NS/NAME`,
 * `service/NS/NAME`), a workload (`deploy/NS/NAME` and the other kubectl names, or `NS/Deployment/NAME` as
 * `connectivity` prints it), an IPv4 or IPv6 address, or else a DNS name (`cart`, `cart.shop.svc.cluster.local`).
 */
export function parseFlowTarget(text: string, defaultNamespace = 'default'): FlowTarget | { error: string } {
  const value = text.trim();
  if (!value) return { error: `empty target: name ${TARGET_FORMS}` };
  const shape = targetShape(value);
  switch (shape.kind) {
    case 'ip':
      return { kind: 'ip', ip: value };
    case 'dns':
      if (!NAME.test(value.toLowerCase().replace(/\.$/, ''))) return { error: `"${text}" is neither an IP address nor a valid DNS name` };
      return { kind: 'dns', name: value };
    default: {
      const { names } = shape;
      if (names.length < 1 || names.length > 2 || names.some((n) => !NAME.test(n))) {
        return { error: `cannot read "${text}": expected ${TARGET_FORMS}` };
      }
      const [namespace, name] = names.length === 2 ? (names as [string, string]) : [defaultNamespace, names[0]!];
      return shape.kind === 'workload' ? { kind: 'workload', workloadKind: shape.workloadKind, namespace, name } : { kind: shape.kind, namespace, name };
    }
  }
}

export function formatTarget(target: FlowTarget): string {
  switch (target.kind) {
    case 'pod':
      return `pod/${target.namespace}/${target.name}`;
    case 'service':
      return `svc/${target.namespace}/${target.name}`;
    case 'workload':
      return `${target.namespace}/${target.workloadKind}/${target.name}`;
    case 'ip':
      return target.ip;
    case 'dns':
      return target.name;
  }
}
