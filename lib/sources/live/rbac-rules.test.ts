import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WATCHED_KINDS } from '@/lib/model';
import { API_RESOURCES } from './api-resources';
import { dashboardRbacRules, grantsOf } from './rbac-rules';

describe('dashboardRbacRules', () => {
  it.each(WATCHED_KINDS.map((kind) => ({ kind, resource: API_RESOURCES[kind] })))(
    'every watched kind is read with get, list and watch: $kind',
    ({ resource }) => {
      const grants = grantsOf(dashboardRbacRules({ secretNames: false }));
      for (const verb of ['get', 'list', 'watch']) expect(grants).toContain(`${verb} ${resource.group || 'core'}/${resource.resource}`);
    },
  );

  it.each([
    { rule: 'Secret names are off by default: no grant on secrets at all', secretNames: false, want: [] },
    { rule: 'Secret names on: list only, never get (get would return data) nor watch', secretNames: true, want: ['list core/secrets'] },
  ])('$rule', ({ secretNames, want }) => {
    expect(grantsOf(dashboardRbacRules({ secretNames })).filter((g) => g.endsWith('/secrets'))).toEqual(want);
  });

  it('reads only: no verb but get, list and watch', () => {
    const verbs = new Set(dashboardRbacRules({ secretNames: true }).flatMap((r) => r.verbs));
    expect([...verbs].sort()).toEqual(['get', 'list', 'watch']);
  });

  it("leaves out a kind asked to, and only that kind (Calico's networkpolicies stay when NetworkPolicy goes)", () => {
    const grants = grantsOf(dashboardRbacRules({ secretNames: false, without: ['networkpolicies'] }));
    expect(grants.filter((g) => g.endsWith('/networkpolicies'))).toEqual([
      'get crd.projectcalico.org/networkpolicies',
      'list crd.projectcalico.org/networkpolicies',
      'watch crd.projectcalico.org/networkpolicies',
    ]);
  });

  it('one rule per API group, core first', () => {
    const groups = dashboardRbacRules({ secretNames: false }).map((r) => r.apiGroups[0]);
    expect(new Set(groups).size).toBe(groups.length);
    expect(groups[0]).toBe('');
  });
});

describe('grantsOf', () => {
  it('compares roles by what they grant, not by how the rules are grouped', () => {
    const grouped = grantsOf([{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['list'] }]);
    const split = grantsOf([
      { apiGroups: [''], resources: ['services'], verbs: ['list'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
    ]);
    expect(grouped).toEqual(['list core/pods', 'list core/services']);
    expect(split).toEqual(grouped);
  });
});

describe("README's RBAC table", () => {
  it('lists exactly what the dashboard is granted, Secret names included, verb by verb', () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### The permissions it reads with'));
    const rows = table
      .split('\n')
      .filter((line) => /^\| (core|[a-z0-9-]+\.[a-z0-9.-]+|apps) \|/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    const rules = rows.map(([, group, resources, verbs]) => ({
      apiGroups: [group === 'core' ? '' : group!],
      resources: [...resources!.matchAll(/`([a-z]+)`/g)].map((m) => m[1]!),
      verbs: verbs!.split(',').map((v) => v.trim()),
    }));
    expect(grantsOf(rules)).toEqual(grantsOf(dashboardRbacRules({ secretNames: true })));
  });
});
