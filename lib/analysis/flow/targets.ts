import { parseIp } from '../net/cidr';

/** What a person names as one end of a flow. */
export type FlowTarget =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'service'; namespace: string; name: string }
  | { kind: 'ip'; ip: string }
  | { kind: 'dns'; name: string };

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * Reads `pod/NS/NAME`, `pod/NAME`, `NS/NAME` (a pod), `svc/NS/NAME` or `service/NS/NAME`, an IPv4 or IPv6
 * address, or else a DNS name (`cart`, `cart.shop`, `cart.shop.svc.cluster.local`).
 */
export function parseFlowTarget(text: string, defaultNamespace = 'default'): FlowTarget | { error: string } {
  const value = text.trim();
  if (!value) return { error: 'empty target: name a pod (pod/NS/NAME), a Service (svc/NS/NAME), a DNS name or an IP' };
  if (parseIp(value)) return { kind: 'ip', ip: value };
  const parts = value.split('/');
  if (parts.length > 1) {
    const [first, ...rest] = parts as [string, ...string[]];
    const kind = first === 'pod' || first === 'po' ? 'pod' : first === 'svc' || first === 'service' ? 'service' : undefined;
    const names = kind ? rest : parts;
    if (names.length < 1 || names.length > 2 || names.some((n) => !NAME.test(n))) {
      return { error: `cannot read "${text}": expected pod/NS/NAME, svc/NS/NAME, NS/NAME, a DNS name or an IP` };
    }
    const [namespace, name] = names.length === 2 ? (names as [string, string]) : [defaultNamespace, names[0]!];
    return { kind: kind ?? 'pod', namespace, name };
  }
  if (!NAME.test(value.toLowerCase().replace(/\.$/, ''))) return { error: `"${text}" is neither an IP address nor a valid DNS name` };
  return { kind: 'dns', name: value };
}

export function formatTarget(target: FlowTarget): string {
  switch (target.kind) {
    case 'pod':
      return `pod/${target.namespace}/${target.name}`;
    case 'service':
      return `svc/${target.namespace}/${target.name}`;
    case 'ip':
      return target.ip;
    case 'dns':
      return target.name;
  }
}
