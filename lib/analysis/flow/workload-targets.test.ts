// Workloads as people name them (issue 11): the forms parseFlowTarget reads, and a workload as one end of explain
// or as what reach answers for, resolved to its pods. Each case names the rule it proves.
import { describe, expect, it } from 'vitest';
import type { Pod } from '@/lib/model';
import { FlowInputError } from '../errors';
import { model, namespace, networkPolicy, pod } from '../testing/builders';
import { explainFlow } from './explain-flow';
import { reachOf, type WorkloadReach } from './reach-target';
import { parseFlowTarget } from './targets';

describe('parseFlowTarget: workloads', () => {
  it.each([
    { rule: 'deploy/NS/NAME (kubectl\'s short name)', text: 'deploy/shop/api', want: { kind: 'workload', workloadKind: 'Deployment', namespace: 'shop', name: 'api' } },
    { rule: 'deployment/NS/NAME', text: 'deployment/shop/api', want: { kind: 'workload', workloadKind: 'Deployment', namespace: 'shop', name: 'api' } },
    { rule: 'sts/NS/NAME', text: 'sts/shop/db', want: { kind: 'workload', workloadKind: 'StatefulSet', namespace: 'shop', name: 'db' } },
    { rule: 'statefulset/NS/NAME', text: 'statefulset/shop/db', want: { kind: 'workload', workloadKind: 'StatefulSet', namespace: 'shop', name: 'db' } },
    { rule: 'ds/NS/NAME', text: 'ds/kube-system/agent', want: { kind: 'workload', workloadKind: 'DaemonSet', namespace: 'kube-system', name: 'agent' } },
    { rule: 'daemonset/NS/NAME', text: 'daemonset/kube-system/agent', want: { kind: 'workload', workloadKind: 'DaemonSet', namespace: 'kube-system', name: 'agent' } },
    { rule: 'a prefix with NAME alone is in the default namespace, like pod/NAME', text: 'deploy/api', want: { kind: 'workload', workloadKind: 'Deployment', namespace: 'default', name: 'api' } },
    { rule: 'NS/Kind/NAME as connectivity prints it', text: 'shop/Deployment/api', want: { kind: 'workload', workloadKind: 'Deployment', namespace: 'shop', name: 'api' } },
    { rule: 'NS/Kind/NAME takes any controller kind (an Argo Rollout)', text: 'shop/Rollout/api', want: { kind: 'workload', workloadKind: 'Rollout', namespace: 'shop', name: 'api' } },
    { rule: 'a kind prefix wins over a namespace of its name: pod/deploy/x names that pod', text: 'pod/deploy/x', want: { kind: 'pod', namespace: 'deploy', name: 'x' } },
    { rule: 'NS/NAME is still a pod', text: 'shop/api-template', want: { kind: 'pod', namespace: 'shop', name: 'api-template' } },
    { rule: 'a lowercase middle is no kind', text: 'shop/deployment/api', want: { error: 'cannot read "shop/deployment/api": expected pod/NS/NAME, svc/NS/NAME, deploy/NS/NAME (or sts/, ds/, ...), NS/Kind/NAME, NS/NAME, a DNS name or an IP' } },
  ])('$rule', ({ text, want }) => {
    expect(parseFlowTarget(text)).toStrictEqual(want);
  });
});

/** Two replicas of Deployment shop/api, as a rollout leaves them: the new one carries version=v2. */
const replica = (name: string, version: string, ip: string): Pod =>
  pod(`shop/${name}`, { labels: { app: 'api', version }, ip, workload: { kind: 'Deployment', name: 'api' }, ports: [8080] });
const apiV1 = replica('api-7d9c5-a', 'v1', '10.0.1.1');
const apiV2 = replica('api-8e0d6-b', 'v2', '10.0.1.2');
const web = pod('shop/web-0', { labels: { app: 'web' }, ip: '10.0.2.1', workload: { kind: 'StatefulSet', name: 'web' } });
/** Only v2 of api admits traffic: v1 is isolated with no rule. */
const onlyV2 = networkPolicy('shop/api-v1-closed', { podSelector: { version: 'v1' }, ingress: [] });
const cluster = model({ namespaces: [namespace('shop')], pods: [apiV1, apiV2, web], networkpolicies: [onlyV2] });

describe('a workload as one end of explain: its pods, one path each', () => {
  it.each([
    {
      rule: 'a workload destination is each of its pods: one denied, one allowed makes "partial"',
      request: { from: 'sts/shop/web', to: 'deploy/shop/api', port: 8080 },
      want: {
        verdict: 'partial',
        from: 'shop/StatefulSet/web',
        to: 'shop/Deployment/api',
        paths: ['shop/web-0 → shop/api-7d9c5-a: denied', 'shop/web-0 → shop/api-8e0d6-b: allowed'],
        summary: 'partial: allowed on 1 of 2 paths',
      },
    },
    {
      rule: 'a workload source is each of its pods (NS/Kind/NAME, as connectivity prints it)',
      request: { from: 'shop/Deployment/api', to: 'pod/shop/web-0', port: 80 },
      want: {
        verdict: 'allowed',
        from: 'shop/Deployment/api',
        to: 'pod/shop/web-0',
        paths: ['shop/api-7d9c5-a → shop/web-0: allowed', 'shop/api-8e0d6-b → shop/web-0: allowed'],
        summary: 'allowed: allowed on 2 of 2 paths',
      },
    },
  ])('$rule', ({ request, want }) => {
    const r = explainFlow(cluster, request);
    expect({
      verdict: r.verdict,
      from: r.from,
      to: r.to,
      paths: r.paths.map((p) => `${p.source.namespace}/${p.source.name} → ${p.destination.namespace}/${p.destination.name}: ${p.verdict}`),
      summary: r.summary,
    }).toStrictEqual(want);
  });

  it.each([
    { rule: 'a workload with no pod in the model is an input error', request: { from: 'deploy/shop/nope', to: 'pod/shop/web-0' }, message: 'no pod of Deployment shop/nope in the model' },
    {
      rule: 'a pod named like a workload says which workload was meant',
      request: { from: 'pod/shop/api', to: 'pod/shop/web-0' },
      message: 'no pod shop/api in the model; did you mean shop/Deployment/api?',
    },
  ])('$rule', ({ request, message }) => {
    const error = (() => {
      try {
        explainFlow(cluster, { ...request, port: 80 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FlowInputError);
    expect((error as FlowInputError).message).toBe(message);
  });
});

describe('reachOf: a pod, or each pod of a workload', () => {
  it('a workload answers for each of its pods, and each replica is the other\'s peer', () => {
    const r = reachOf(cluster, { kind: 'workload', workloadKind: 'Deployment', namespace: 'shop', name: 'api' }) as WorkloadReach;
    expect({
      workload: r.workload,
      pods: r.pods.map((p) => p.pod.name),
      ingress: r.pods.map((p) => p.ingress.filter((c) => c.peer.type === 'pod').map((c) => (c.peer.type === 'pod' ? c.peer.name : ''))),
    }).toStrictEqual({
      workload: { kind: 'Deployment', namespace: 'shop', name: 'api' },
      pods: ['api-7d9c5-a', 'api-8e0d6-b'],
      // v1 admits nothing; v2 admits the other replica and web.
      ingress: [[], ['api-7d9c5-a', 'web-0']],
    });
  });

  it('a pod answers as before: the reach of that pod', () => {
    const r = reachOf(cluster, { kind: 'pod', namespace: 'shop', name: 'web-0' });
    expect('pod' in r && r.pod).toStrictEqual({ namespace: 'shop', name: 'web-0' });
  });
});
