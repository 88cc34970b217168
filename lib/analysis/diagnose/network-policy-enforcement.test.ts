import { describe, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { model, networkPolicy, node } from '@/lib/analysis/testing/builders';
import { calicoDaemonSet as calico, flannelDaemonSet as flannel } from '@/lib/analysis/testing/network-plugins';
import { networkPolicyEnforcementUnknown, networkPolicyNotEnforced } from './network-policy-enforcement';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';

const policies = [networkPolicy('shop/deny-all'), networkPolicy('shop/allow-web'), networkPolicy('data/db-in')];
const minikube = node('minikube', { labels: { 'minikube.k8s.io/name': 'minikube' } });

const checks = [networkPolicyNotEnforced, networkPolicyEnforcementUnknown];

describe('network-policy-not-enforced and network-policy-enforcement-unknown', () => {
  it.each<{ name: string; model: ClusterModel; servedGroups?: string[]; expected: ExpectedFinding[] }>([
    {
      name: 'NetworkPolicies exist and flannel alone does not enforce them: a warning per namespace with policies, with the fix',
      model: model({ daemonsets: [flannel], networkpolicies: policies }),
      expected: [
        {
          id: 'network-policy-not-enforced:Namespace/data',
          severity: 'warning',
          objects: ['Namespace/data', 'NetworkPolicy/data/db-in'],
          message: ['Namespace data has 1 NetworkPolicy (data/db-in), but flannel does not enforce NetworkPolicy: the traffic they deny flows.', 'DaemonSet kube-flannel/kube-flannel-ds'],
          hint: ["Calico's (canal) or kube-network-policies", 'do not rely on these policies'],
        },
        {
          id: 'network-policy-not-enforced:Namespace/shop',
          severity: 'warning',
          objects: ['Namespace/shop', 'NetworkPolicy/shop/allow-web', 'NetworkPolicy/shop/deny-all'],
          message: ['Namespace shop has 2 NetworkPolicies (shop/allow-web and shop/deny-all), but flannel does not enforce'],
        },
      ],
    },
    {
      name: "minikube's bridge with a policy: a warning naming the bridge",
      model: model({ nodes: [minikube], networkpolicies: [networkPolicy('shop/deny-all')] }),
      expected: [
        {
          id: 'network-policy-not-enforced:Namespace/shop',
          severity: 'warning',
          objects: ['Namespace/shop', 'NetworkPolicy/shop/deny-all'],
          message: ['but bridge (minikube) does not enforce NetworkPolicy', 'Node minikube: label minikube.k8s.io/name=minikube'],
          hint: ['minikube start --cni=calico'],
        },
      ],
    },
    {
      name: 'an enforcing plugin (calico beside flannel): no finding',
      model: model({ daemonsets: [flannel, calico], networkpolicies: policies }),
      expected: [],
    },
    {
      name: 'no NetworkPolicy: nothing to enforce, no finding',
      model: model({ daemonsets: [flannel] }),
      expected: [],
    },
    {
      name: 'DaemonSets forbidden: enforcement unknown as info, with the reason; never a warning',
      model: model({
        daemonsets: [],
        networkpolicies: [networkPolicy('shop/deny-all')],
        sync: { daemonsets: { status: 'forbidden', message: 'daemonsets.apps is forbidden' } },
      }),
      expected: [
        {
          id: 'network-policy-enforcement-unknown:Namespace/shop',
          severity: 'info',
          objects: ['Namespace/shop', 'NetworkPolicy/shop/deny-all'],
          message: ['whether the network plugin enforces them is not known: daemonsets cannot be read (forbidden: daemonsets.apps is forbidden)'],
          hint: ['list and watch daemonsets (apps) and nodes'],
        },
      ],
    },
    {
      name: 'flannel while the API serves Calico\'s CRDs (the model\'s servedGroups): unknown, not a warning',
      model: model({ daemonsets: [flannel], networkpolicies: [networkPolicy('shop/deny-all')] }),
      servedGroups: ['crd.projectcalico.org'],
      expected: [
        {
          id: 'network-policy-enforcement-unknown:Namespace/shop',
          severity: 'info',
          objects: ['Namespace/shop', 'NetworkPolicy/shop/deny-all'],
          message: ['the API serves the policy CRDs of crd.projectcalico.org (canal, calico)'],
        },
      ],
    },
  ])('$name', ({ model: m, servedGroups, expected }) => {
    expectFindings(runChecks(checks, servedGroups ? { ...m, servedGroups } : m), expected);
  });
});
