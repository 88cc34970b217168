import { describe, expect, it } from 'vitest';
import type { Pod } from '@/lib/model';
import { ingressId, namespaceId, parseNodeId, podId, serviceId, workloadId, type NodeRef } from './elements';

describe('parseNodeId reads back what the id builders wrote', () => {
  const pod = { meta: { namespace: 'shop', name: 'api-7d9-x' }, workload: { kind: 'Deployment', name: 'api' } } as Pod;
  it.each<{ name: string; id: string; want: NodeRef }>([
    { name: 'a pod', id: podId('shop', 'api-7d9-x'), want: { kind: 'pod', namespace: 'shop', name: 'api-7d9-x' } },
    { name: 'a Service', id: serviceId('shop', 'payments'), want: { kind: 'service', namespace: 'shop', name: 'payments' } },
    { name: 'a folded workload, by its id', id: workloadId(pod), want: { kind: 'workload', id: 'wl:shop/Deployment/api' } },
    { name: 'a namespace is another kind', id: namespaceId('shop'), want: { kind: 'other', id: 'ns:shop' } },
    { name: 'an Ingress is another kind', id: ingressId('shop', 'site'), want: { kind: 'other', id: 'ing:shop/site' } },
    { name: 'an address range is another kind', id: 'ip:0.0.0.0/0 except 10.0.0.0/8', want: { kind: 'other', id: 'ip:0.0.0.0/0 except 10.0.0.0/8' } },
    { name: 'text that is no id', id: 'pod', want: { kind: 'other', id: 'pod' } },
  ])('$name', ({ id, want }) => {
    expect(parseNodeId(id)).toEqual(want);
  });
});
