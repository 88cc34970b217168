import { describe, expect, it } from 'vitest';
import type { Protocol } from '@/lib/model';
import { indexModel } from '../model-index';
import { model, namespace, networkPolicy, peer, pod, policyEgress, policyIngress, policyPort } from '../testing/builders';
import { allowedConnections } from './allowed-connections';
import { evaluateSide } from './evaluate-side';
import type { FlowPeer } from './types';

const web = pod('shop/web', { labels: { app: 'web' }, ip: '10.0.1.1', ports: [{ name: 'http', containerPort: 8080 }] });
const db = pod('data/db', {
  labels: { app: 'db' },
  ip: '10.0.2.1',
  containers: [{ ports: [{ name: 'pg', containerPort: 5432 }, { name: 'metrics', containerPort: 9187 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }],
});
const cluster = model({
  namespaces: [namespace('shop'), namespace('data')],
  pods: [web, db],
  networkpolicies: [
    networkPolicy('data/db', {
      podSelector: { app: 'db' },
      ingress: [
        policyIngress({ from: [peer({ namespaces: { 'kubernetes.io/metadata.name': 'shop' } })], ports: ['pg', policyPort(9000, 'TCP', 9200)] }),
        policyIngress({ from: [peer({ pods: { app: 'nobody' } })], ports: [22] }),
        policyIngress({ ports: [policyPort(undefined, 'UDP')] }),
      ],
    }),
    networkPolicy('shop/web', { podSelector: { app: 'web' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ namespaces: {} })], ports: ['pg', 'metrics'] })] }),
  ],
});
const index = indexModel(cluster);
const asPeer = (p: typeof web): FlowPeer => ({ type: 'pod', pod: p });

describe('allowedConnections', () => {
  it('ingress: the union of the ports of every rule whose peer matches, named ports resolved on the destination (networking/v1 NetworkPolicySpec.ingress)', () => {
    const side = allowedConnections('ingress', asPeer(db), asPeer(web), index);
    expect(side.allowed.toString()).toBe('TCP 5432,9000-9200; UDP (all ports)');
    expect(side.policies).toEqual([{ namespace: 'data', name: 'db' }]);
  });

  it('egress: named ports resolve on the destination pod, not on the source (networking/v1 NetworkPolicyPort.port)', () => {
    const side = allowedConnections('egress', asPeer(web), asPeer(db), index);
    expect(side.allowed.toString()).toBe('TCP 5432,9187');
  });

  it('agrees with evaluateSide on every port it is asked about', () => {
    const ports: [Protocol, number][] = [['TCP', 22], ['TCP', 5432], ['TCP', 8999], ['TCP', 9000], ['TCP', 9200], ['TCP', 9201], ['UDP', 53], ['SCTP', 53], ['TCP', 9187]];
    for (const direction of ['ingress', 'egress'] as const) {
      const [subject, other] = direction === 'ingress' ? [asPeer(db), asPeer(web)] : [asPeer(web), asPeer(db)];
      const set = allowedConnections(direction, subject, other, index).allowed;
      for (const [protocol, port] of ports) {
        expect([direction, protocol, port, set.allows(protocol, port)]).toEqual([
          direction, protocol, port, evaluateSide(direction, subject, other, { port, protocol }, index).allowed,
        ]);
      }
    }
  });
});
