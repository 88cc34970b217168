// kube-netmap diff: two manifest trees written here, compared in every output format, and the --fail-on gate.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from './run-cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Writes the files into a new temporary directory (removed after the tests) and returns its path. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-diff-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const deployment = (name: string, ports: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: ${name}, image: example/${name}:1, ports: [${ports}]}]}
`;

const workloads = [
  'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
  deployment('web', '{name: http, containerPort: 8080}'),
  deployment('api', '{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}'),
  deployment('db', '{name: postgres, containerPort: 5432}'),
].join('---\n');

const policy = (name: string, app: string, from: string, ports: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
  podSelector: {matchLabels: {app: ${app}}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {app: ${from}}}}], ports: [${ports}]}]
`;

const denyIngress = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-ingress, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n';

// The base: ingress denied in the shop but web -> api on http and api -> db on postgres. The head opens the api's
// metrics port to web (changed), drops the db policy (api -> db removed) and adds a worker Deployment (added: it
// goes out anywhere, as every shop pod does; its one pod does not talk to itself).
const base = tree({
  'workloads.yaml': workloads,
  'policies.yaml': [denyIngress, policy('api', 'api', 'web', '{port: http}'), policy('db', 'db', 'api', '{port: 5432}')].join('---\n'),
});
const head = tree({
  'workloads.yaml': `${workloads}---\n${deployment('worker', '{containerPort: 7000}')}`,
  'policies.yaml': [denyIngress, policy('api', 'api', 'web', '{port: http}, {port: metrics}')].join('---\n'),
});
// The head plus a Calico policy on the api: its ingress is unknown (kube-netmap does not evaluate Calico policies).
const unknownHead = tree({
  'workloads.yaml': workloads,
  'policies.yaml': [denyIngress, policy('api', 'api', 'web', '{port: http}'), policy('db', 'db', 'api', '{port: 5432}')].join('---\n'),
  'calico.yaml': 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: api-l7, namespace: shop}\nspec:\n  selector: app == \'api\'\n  ingress: [{action: Allow}]\n',
});

const TEXT = [
  'connectivity: 1 added, 1 removed, 1 changed; 1 workload added',
  '+ workload shop/Deployment/worker',
  '- shop/Deployment/api => shop/Deployment/db : TCP 5432 (was by shop/db)',
  '~ shop/Deployment/web => shop/Deployment/api : TCP 8080 -> TCP 8080,9090 (+TCP 9090) (by shop/api)',
  '+ shop/Deployment/worker => 0.0.0.0/0,::/0 : All connections (by no policy)',
];

describe('kube-netmap diff', () => {
  it('prints a summary line, the workloads added and removed, then one line per pair (+ added, - removed, ~ changed), exit 0', async () => {
    const result = await run('diff', '--base', base, '--head', head);
    expect(result).toEqual({ code: 0, out: TEXT.join('\n'), err: '' });
  });

  it('a tree against itself: no difference, and --fail-on every kind passes (exit 0)', async () => {
    expect(await run('diff', '--base', base, '--head', base, '--fail-on', 'added,removed,changed')).toEqual({ code: 0, out: 'connectivity: no difference', err: '' });
  });

  it('--output md: a summary line and a table to paste in a pull request comment', async () => {
    const result = await run('diff', '--base', base, '--head', head, '--output', 'md');
    expect(result.code).toBe(0);
    expect(result.out.split('\n')).toEqual([
      '**Connectivity diff:** 1 added, 1 removed, 1 changed; 1 workload added',
      'Workloads added: shop/Deployment/worker',
      '',
      '| change | source | destination | before | after | note | policies |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| removed | shop/Deployment/api | shop/Deployment/db | TCP 5432 | none |  | shop/db |',
      '| changed | shop/Deployment/web | shop/Deployment/api | TCP 8080 | TCP 8080,9090 | +TCP 9090 | shop/api |',
      '| added | shop/Deployment/worker | 0.0.0.0/0,::/0 | none | All connections |  | no policy |',
    ]);
  });

  it('--output csv: RFC 4180 records (CRLF, fields with commas quoted), gained and lost in columns of their own', async () => {
    const result = await run('diff', '--base', base, '--head', head, '-o', 'csv');
    expect(result.code).toBe(0);
    expect(result.out.split('\r\n')).toEqual([
      'change,source,destination,before,after,gained,lost,why unknown,policies before,policies after',
      'removed,shop/Deployment/api,shop/Deployment/db,TCP 5432,none,,,,shop/db,',
      'changed,shop/Deployment/web,shop/Deployment/api,TCP 8080,"TCP 8080,9090",TCP 9090,,,shop/api,shop/api',
      'added,shop/Deployment/worker,"0.0.0.0/0,::/0",none,All connections,,,,,',
      'workload added,shop/Deployment/worker,,,,,,,,',
    ]);
  });

  it('--output json (and --json): the diff as data, connections as port ranges', async () => {
    for (const flag of [['--output', 'json'], ['--json']]) {
      const result = await run('diff', '--base', base, '--head', head, ...flag);
      expect(result.code).toBe(0);
      const json = JSON.parse(result.out);
      expect(json.counts).toEqual({ added: 1, removed: 1, changed: 1, unknown: 0 });
      expect(json.workloads).toEqual({ added: [{ type: 'workload', namespace: 'shop', kind: 'Deployment', name: 'worker' }], removed: [] });
      expect(json.entries[1]).toEqual({
        kind: 'changed',
        source: { type: 'workload', namespace: 'shop', kind: 'Deployment', name: 'web' },
        destination: { type: 'workload', namespace: 'shop', kind: 'Deployment', name: 'api' },
        base: { connections: { TCP: [[8080, 8080]] }, policies: [{ namespace: 'shop', name: 'api' }] },
        head: { connections: { TCP: [[8080, 8080], [9090, 9090]] }, policies: [{ namespace: 'shop', name: 'api' }] },
        gained: { TCP: [[9090, 9090]] },
        lost: {},
      });
    }
  });

  it('--output dot: the differing pairs as coloured edges between workloads grouped by namespace', async () => {
    const result = await run('diff', '--base', base, '--head', head, '-o', 'dot');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^digraph "connectivity diff" \{\n/);
    expect(result.out).toContain('  subgraph "cluster_shop" {\n    label="shop";\n    "shop/Deployment/worker" [label="Deployment/worker"];');
    expect(result.out).toContain('"shop/Deployment/api" -> "shop/Deployment/db" [label="- TCP 5432", color="red3", fontcolor="red3", style="dashed"];');
  });

  it.each([
    { name: '--fail-on added exits 1 when a pair is added, and says why', argv: ['--fail-on', 'added'], code: 1, last: 'fails --fail-on added: 1 added' },
    { name: '--fail-on takes a comma list', argv: ['--fail-on', 'removed,changed'], code: 1, last: 'fails --fail-on removed,changed: 1 removed; 1 changed' },
    { name: '--fail-on may be repeated', argv: ['--fail-on', 'removed', '--fail-on', 'added'], code: 1, last: 'fails --fail-on added,removed: 1 added; 1 removed' },
    { name: 'without --fail-on the diff exits 0 whatever it finds', argv: [], code: 0, last: TEXT.at(-1) },
  ])('$name', async ({ argv, code, last }) => {
    const result = await run('diff', '--base', base, '--head', head, ...argv);
    expect(result.code).toBe(code);
    expect(result.out.split('\n').at(-1)).toBe(last);
  });

  it('--fail-on removed exits 0 when nothing is removed (the head against itself plus a worker)', async () => {
    const grown = tree({ 'workloads.yaml': `${workloads}---\n${deployment('worker', '{containerPort: 7000}')}`, 'policies.yaml': fs.readFileSync(path.join(base, 'policies.yaml'), 'utf8') });
    const result = await run('diff', '--base', base, '--head', grown, '--fail-on', 'removed');
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe('connectivity: 1 added; 1 workload added');
  });

  it('a difference the engine cannot tell stays unknown, never removed, and fails any --fail-on gate (it may be of that kind)', async () => {
    const result = await run('diff', '--base', base, '--head', unknownHead, '--fail-on', 'removed');
    expect(result.code).toBe(1);
    const why = '(head: Calico NetworkPolicy shop/api-l7 selects the destination; kube-netmap does not evaluate Calico policies)';
    expect(result.out.split('\n')).toEqual([
      'connectivity: 3 unknown',
      `? shop/Deployment/db => shop/Deployment/api : none -> none known; unknown: All connections ${why}`,
      `? shop/Deployment/web => shop/Deployment/api : TCP 8080 -> none known; unknown: All connections ${why}`,
      `? 0.0.0.0/0,::/0 => shop/Deployment/api : none -> none known; unknown: All connections ${why}`,
      'fails --fail-on removed: 3 unknown (each may be removed)',
    ]);
    expect(result.err).toMatch(/^warning: .*calico\.yaml:1: Calico NetworkPolicy shop\/api-l7: kube-netmap detects the pods it selects but does not evaluate Calico policies/);
  });

  it('reads one side from stdin ("-")', () => {
    const bin = path.resolve(import.meta.dirname, '..', 'bin', 'kube-netmap.mjs');
    const input = [workloads, fs.readFileSync(path.join(base, 'policies.yaml'), 'utf8')].join('---\n');
    const result = spawnSync(process.execPath, [bin, 'diff', '--base', '-', '--head', head], { cwd: os.tmpdir(), encoding: 'utf8', input });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: `${TEXT.join('\n')}\n`, stderr: '' });
  });

  it.each([
    { name: 'no --head', argv: ['--base', base], err: '--head PATH is required (the manifests after the change)' },
    { name: 'no base', argv: ['--head', head], err: '--base PATH or --base-context NAME is required (the model before the change)' },
    { name: 'both --base and --base-context', argv: ['--base', base, '--base-context', 'kind-dev', '--head', head], err: 'give --base PATH or --base-context NAME, not both' },
    { name: 'stdin on both sides', argv: ['--base', '-', '--head', '-'], err: 'only one of --base and --head may read stdin ("-")' },
    { name: 'an unknown --fail-on kind', argv: ['--base', base, '--head', head, '--fail-on', 'added,moved'], err: '--fail-on must be added, removed or changed (repeated, or a comma list), not "moved"' },
    { name: 'an unknown --output', argv: ['--base', base, '--head', head, '--output', 'yaml'], err: '--output must be text, md, csv, dot or json, not "yaml"' },
    { name: '--json and another --output', argv: ['--base', base, '--head', head, '--json', '--output', 'md'], err: '--json asks for JSON and --output for md: give one' },
    { name: '--manifests instead of --base/--head', argv: ['--base', base, '--head', head, '--manifests', base], err: 'diff reads --base and --head, not --manifests' },
    { name: '--context instead of --base-context', argv: ['--base', base, '--head', head, '--context', 'kind-dev'], err: 'diff takes --base-context NAME for a live cluster, not --context' },
    { name: 'a positional argument', argv: [base, head], err: `diff takes no arguments ("${base}"): give --base PATH (or --base-context NAME) and --head PATH` },
    { name: 'a side that does not exist, named', argv: ['--base', base, '--head', path.join(head, 'nope')], err: /^.*nope.*(no such file|not found|ENOENT)/i },
  ])('a usage or input error is exit 2 with a clear message: $name', async ({ argv, err }) => {
    const result = await run('diff', ...argv);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    if (typeof err === 'string') expect(result.err).toBe(`kube-netmap diff: ${err}`);
    else expect(result.err).toMatch(err);
  });
});

describe('kube-netmap connectivity --output', () => {
  it.each([
    { format: 'md', first: '**Connectivity:** 5 connections between 3 workloads and 1 address ranges', has: '| shop/Deployment/web | shop/Deployment/api | TCP 8080 | shop/api |  |' },
    { format: 'csv', first: 'source,destination,connections,partial,unknown,why unknown,policies', has: 'shop/Deployment/web,shop/Deployment/api,TCP 8080,no,,,shop/api' },
    { format: 'dot', first: 'digraph "connectivity" {', has: '"shop/Deployment/web" -> "shop/Deployment/api" [label="TCP 8080"];' },
    { format: 'json', first: '{', has: '"workloads": [' },
  ])('$format', async ({ format, first, has }) => {
    const result = await run('connectivity', '--manifests', base, '--output', format);
    expect(result.code).toBe(0);
    expect(result.out.split(/\r?\n/)[0]).toBe(first);
    expect(result.out).toContain(has);
  });
});
