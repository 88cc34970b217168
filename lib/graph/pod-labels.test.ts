import { describe, expect, it } from 'vitest';
import { pod } from '@/lib/analysis/testing/builders';
import type { Pod } from '@/lib/model';
import { podNameLines } from './pod-labels';

const of = (kind: string, workload: string, ...names: string[]): Pod[] => names.map((name) => pod(`shop/${name}`, { workload: { kind, name: workload } }));

describe('podNameLines: the workload and the shortest tail that tells a pod from its siblings', () => {
  it.each<{ name: string; pods: Pod[]; want: string[][] }>([
    {
      name: 'a Deployment’s pods: the pod hash is enough',
      pods: of('Deployment', 'payments', 'payments-697d5c8b9-x7k2p', 'payments-697d5c8b9-q4m8z'),
      want: [['payments…x7k2p'], ['payments…q4m8z']],
    },
    {
      name: 'two ReplicaSets whose pods share a pod hash: those two keep their whole names, the other is shortened',
      pods: of('Deployment', 'api', 'api-aaa-x1', 'api-bbb-x1', 'api-bbb-y2'),
      want: [['api-aaa-x1'], ['api-bbb-x1'], ['api…y2']],
    },
    {
      name: 'a CronJob’s pods: the Job’s number is dropped when the pod hash tells them apart',
      pods: of('CronJob', 'backup', 'backup-28391520-abcde', 'backup-28391580-fghij'),
      want: [['backup…abcde'], ['backup…fghij']],
    },
    { name: 'a StatefulSet’s ordinal: the name is short already', pods: of('StatefulSet', 'db', 'db-0', 'db-1'), want: [['db-0'], ['db-1']] },
    { name: 'a DaemonSet’s one-part suffix: the name as it is', pods: of('DaemonSet', 'kube-proxy', 'kube-proxy-abcde'), want: [['kube-proxy-abcde']] },
    { name: 'a name that does not start with its workload’s', pods: of('Deployment', 'web', 'frontend-abc-x1'), want: [['frontend-abc-x1']] },
    {
      name: 'a long workload name: the workload on one line, the tail on the next',
      pods: of('Deployment', 'ingress-nginx-controller', 'ingress-nginx-controller-5c8d66c76d-4sn2k'),
      want: [['ingress-nginx-controller', '…4sn2k']],
    },
    {
      name: 'a workload name longer than a line: shortened in its middle, the tail kept whole',
      pods: of('Deployment', 'a-very-long-workload-name-for-the-map', 'a-very-long-workload-name-for-the-map-5c8d66c76d-4sn2k'),
      want: [['a-very-long-…for-the-map', '…4sn2k']],
    },
  ])('$name', ({ pods, want }) => {
    expect(pods.map((p) => podNameLines(p, pods))).toStrictEqual(want);
  });

  it('a bare pod keeps its name; one too long for a line is broken after a dash, or else shortened in its middle', () => {
    expect(podNameLines(pod('shop/debug'), undefined)).toStrictEqual(['debug']);
    expect(podNameLines(pod('shop/ingress-nginx-controller-template'), undefined)).toStrictEqual(['ingress-nginx-', 'controller-template']);
    expect(podNameLines(pod('shop/abcdefghijklmnopqrstuvwxyz0123456789'), undefined)).toStrictEqual(['abcdefghijkl…z0123456789']);
  });
});
