import type { Container, OwnerRef, Pod, PodPhase } from '../types';
import { conditionIsTrue, normalizeMeta, normalizeProtocol } from './common';
import type { RawContainer, RawContainerStatus, RawPod } from './raw';

const PHASES = new Set<PodPhase>(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);

export function normalizePod(raw: RawPod): Pod {
  const meta = normalizeMeta(raw.metadata);
  const spec = raw.spec ?? {};
  const status = raw.status ?? {};
  const controller = (raw.metadata?.ownerReferences ?? []).find((o) => o.controller) ?? raw.metadata?.ownerReferences?.[0];
  const owner: OwnerRef | undefined = controller?.kind && controller.name
    ? { kind: controller.kind, name: controller.name, ...(controller.uid ? { uid: controller.uid } : {}) }
    : undefined;
  const phase = PHASES.has(status.phase as PodPhase) ? (status.phase as PodPhase) : 'Pending';
  const ready = conditionIsTrue(status.conditions, 'Ready') && !meta.deletionTimestamp;

  const hostNetwork = spec.hostNetwork === true;
  const statuses = new Map<string, RawContainerStatus>();
  for (const s of [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])]) {
    if (s.name) statuses.set(s.name, s);
  }
  const containers = [
    ...(spec.containers ?? []).map((c) => normalizeContainer(c, statuses, false, hostNetwork)),
    ...(spec.initContainers ?? [])
      .filter((c) => c.restartPolicy === 'Always')
      .map((c) => normalizeContainer(c, statuses, true, hostNetwork)),
  ];

  const podIPs = (status.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => !!ip);
  if (podIPs.length === 0 && status.podIP) podIPs.push(status.podIP);

  const pod: Pod = {
    meta,
    workload: inferWorkload(meta.name, meta.labels, owner),
    hostNetwork,
    phase,
    ready,
    podIPs,
    containers,
  };
  if (owner) pod.owner = owner;
  if (spec.nodeName) pod.nodeName = spec.nodeName;
  if (spec.hostname) pod.hostname = spec.hostname;
  if (spec.subdomain) pod.subdomain = spec.subdomain;
  if (spec.serviceAccountName) pod.serviceAccountName = spec.serviceAccountName;
  if (status.hostIP) pod.hostIP = status.hostIP;
  const reason = ready ? undefined : notReadyReason(raw, phase, containers);
  if (reason) pod.notReadyReason = reason;
  return pod;
}

function normalizeContainer(
  c: RawContainer,
  statuses: Map<string, RawContainerStatus>,
  sidecar: boolean,
  hostNetwork: boolean,
): Container {
  return {
    name: c.name ?? '',
    ports: (c.ports ?? [])
      .filter((p) => typeof p.containerPort === 'number')
      .map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        containerPort: p.containerPort as number,
        protocol: normalizeProtocol(p.protocol),
        // With hostNetwork the API server defaults an unspecified hostPort to the containerPort.
        ...(p.hostPort ? { hostPort: p.hostPort } : hostNetwork ? { hostPort: p.containerPort as number } : {}),
      })),
    ready: statuses.get(c.name ?? '')?.ready === true,
    sidecar,
  };
}

/**
 * The workload a person names: a ReplicaSet created by a Deployment is named `<deployment>-<pod-template-hash>`,
 * and its pods carry that hash as a label, so the Deployment is recoverable without watching ReplicaSets.
 */
export function inferWorkload(podName: string, labels: Record<string, string>, owner: OwnerRef | undefined): OwnerRef {
  if (!owner) return { kind: 'Pod', name: podName };
  const hash = labels['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return { kind: 'Deployment', name: owner.name.slice(0, -(hash.length + 1)) };
  }
  return { kind: owner.kind, name: owner.name };
}

function notReadyReason(raw: RawPod, phase: PodPhase, containers: Container[]): string | undefined {
  if (raw.metadata?.deletionTimestamp) return 'Terminating';
  const conditions = raw.status?.conditions ?? [];
  const scheduled = conditions.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') return `Not scheduled${scheduled.reason ? `: ${scheduled.reason}` : ''}`;
  const waiting = (raw.status?.containerStatuses ?? []).find((s) => s.state?.waiting?.reason);
  if (waiting) return `Container ${waiting.name} waiting: ${waiting.state?.waiting?.reason}`;
  if (phase !== 'Running') return `Phase ${phase}`;
  const notReady = containers.filter((c) => !c.ready).map((c) => c.name);
  if (notReady.length > 0) return `Containers not ready: ${notReady.join(', ')}`;
  const readyCondition = conditions.find((c) => c.type === 'Ready');
  return readyCondition?.reason ?? 'Ready condition is not True';
}
