// loadManifestPaths on real files in a temporary directory, and on the built-in demo.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManifestError, loadManifestPaths, STDIN_LABEL } from '.';

const NO_OBJECTS = 'no Kubernetes objects found: the input is empty, or holds only empty documents, comments or null';
const service = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: t}\n`;

describe('loadManifestPaths', () => {
  let root: string;
  const at = (...parts: string[]) => path.join(root, ...parts);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'kube-netmap-manifests-'));
    // Written in an order unlike the expected one, so only sorting can give it.
    const files: [string, string][] = [
      ['tree/c.json', JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'c-json', namespace: 't' } })],
      ['tree/b.yaml', service('b-yaml')],
      ['tree/a-b/x.yml', service('a-b-x-yml')],
      ['tree/a/z.yaml', service('a-z-yaml')],
      ['tree/a/y/deep.YAML', service('a-y-deep')],
      ['tree/B.yaml', service('upper-b')],
      ['tree/notes.txt', 'not a manifest'],
      ['tree/README.md', '# not a manifest'],
      ['tree/.hidden/h.yaml', service('hidden')],
      ['tree/.github/workflows/ci.yml', 'on: push\n'],
      ['other.txt', service('named-directly')],
      ['empty/.keep', ''],
    ];
    for (const [file, text] of files) {
      await mkdir(path.dirname(at(file)), { recursive: true });
      await writeFile(at(file), text);
    }
    // A link back up the tree must not loop.
    await symlink(at('tree'), at('tree/a/loop'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads a directory recursively, depth first, each directory sorted by code unit; only *.yaml, *.yml, *.json; no dot entries', async () => {
    const { model, warnings } = await loadManifestPaths([at('tree')]);
    expect(model.resources.services.map((s) => s.meta.name)).toStrictEqual([
      'upper-b', // "B.yaml" sorts before "a" by code unit
      'a-y-deep',
      'a-z-yaml',
      'a-b-x-yml',
      'b-yaml',
      'c-json',
    ]);
    expect(warnings).toStrictEqual([]);
  });

  it('names each file by the path given joined with its place in the directory', async () => {
    const { warnings } = await loadManifestPaths([at('tree'), at('tree', 'b.yaml')]);
    // b.yaml was already read through the directory: reading it again would make every object a duplicate.
    expect(warnings).toStrictEqual([]);
    await writeFile(at('dup.yaml'), service('b-yaml'));
    const second = await loadManifestPaths([at('tree'), at('dup.yaml')]);
    expect(second.warnings).toStrictEqual([
      { file: at('dup.yaml'), line: 1, message: `Service t/b-yaml is defined again; this definition replaces the one at ${at('tree', 'b.yaml')}:1` },
    ]);
  });

  it('reads a file named directly whatever its extension, in the order the paths are given', async () => {
    const { model } = await loadManifestPaths([at('other.txt'), at('tree', 'c.json')]);
    expect(model.resources.services.map((s) => s.meta.name)).toStrictEqual(['named-directly', 'c-json']);
  });

  it('"-" reads standard input (once), named <stdin> in warnings', async () => {
    let reads = 0;
    async function* stdin() {
      reads += 1;
      yield 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n';
    }
    const { warnings } = await loadManifestPaths(['-', '-'], { stdin: stdin() });
    expect(reads).toBe(1);
    expect(warnings).toStrictEqual([{ file: STDIN_LABEL, line: 1, message: 'Widget w (example.com/v1) skipped: kube-netmap does not model this kind' }]);
  });

  it('a directory without manifests gives a warning, not an error', async () => {
    const { warnings } = await loadManifestPaths([at('empty'), at('tree', 'b.yaml')]);
    expect(warnings).toStrictEqual([{ file: at('empty'), line: 0, message: 'no .yaml, .yml or .json files in this directory' }]);
  });

  it.each([
    { rule: 'empty standard input', paths: () => ['-'], stdin: '', file: () => STDIN_LABEL, reason: NO_OBJECTS },
    { rule: 'standard input of --- only', paths: () => ['-'], stdin: '---\n', file: () => STDIN_LABEL, reason: NO_OBJECTS },
    {
      rule: 'only a directory without manifests',
      paths: () => [at('empty')],
      stdin: '',
      file: () => at('empty'),
      reason: 'no .yaml, .yml or .json files here, so no Kubernetes objects',
    },
  ])('no Kubernetes objects is a ManifestError: $rule', async ({ paths, stdin, file, reason }) => {
    const error = await loadManifestPaths(paths(), { stdin: [stdin] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect({ file: (error as ManifestError).file, line: (error as ManifestError).line, reason: (error as ManifestError).reason }).toStrictEqual({
      file: file(),
      line: 0,
      reason,
    });
  });

  it.each([
    { rule: 'one file above the limit', paths: () => [at('tree', 'b.yaml')], maxBytes: 10, file: () => at('tree', 'b.yaml') },
    { rule: 'files together above the limit', paths: () => [at('tree', 'b.yaml'), at('other.txt')], maxBytes: 100, file: () => at('other.txt') },
    { rule: 'standard input above the limit', paths: () => ['-'], maxBytes: 10, file: () => STDIN_LABEL },
  ])('input above the size limit is a ManifestError naming where it was passed: $rule', async ({ paths, maxBytes, file }) => {
    const error = await loadManifestPaths(paths(), { maxBytes, stdin: [service('from-stdin')] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect({ file: (error as ManifestError).file, line: (error as ManifestError).line, reason: (error as ManifestError).reason }).toStrictEqual({
      file: file(),
      line: 0,
      reason: `the input is larger than kube-netmap reads at once (${maxBytes} bytes in all, files and stdin together); split it, or point --manifests at fewer files`,
    });
  });

  it('an endless input stops at the limit (/dev/zero)', async () => {
    const error = await loadManifestPaths(['/dev/zero'], { maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).reason).toMatch(/^the input is larger than kube-netmap reads at once/);
  });

  it('a path that does not exist is a ManifestError naming it', async () => {
    const missing = at('nope.yaml');
    const error = await loadManifestPaths([missing]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect({ file: (error as ManifestError).file, line: (error as ManifestError).line, message: (error as Error).message }).toStrictEqual({
      file: missing,
      line: 0,
      message: `${missing}: no such file or directory`,
    });
  });

  it('a parse error names the file as found in the directory', async () => {
    await mkdir(at('broken'), { recursive: true });
    await writeFile(at('broken', 'bad.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n namespace: b\n');
    const error = await loadManifestPaths([at('broken')]).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(new RegExp(`^${escape(at('broken', 'bad.yaml'))}:5: invalid YAML: `));
  });
});

describe('the built-in demo (examples/demo)', () => {
  const demo = fileURLToPath(new URL('../../../examples/demo', import.meta.url));

  it('loads without warnings into the shop: 9 representative pods, 9 Services, 9 NetworkPolicies, 1 Ingress, 1 IngressClass, 1 GatewayClass, 1 Gateway, 1 HTTPRoute, 2 namespaces', async () => {
    const { model, warnings } = await loadManifestPaths([demo]);
    expect(warnings).toStrictEqual([]);
    const names = (objects: { meta: { namespace?: string; name: string } }[]) =>
      objects.map((o) => `${o.meta.namespace ? `${o.meta.namespace}/` : ''}${o.meta.name}`).sort();
    expect({
      namespaces: names(model.resources.namespaces),
      pods: names(model.resources.pods),
      services: names(model.resources.services),
      networkpolicies: names(model.resources.networkpolicies),
      ingresses: names(model.resources.ingresses),
      ingressclasses: names(model.resources.ingressclasses),
      gatewayclasses: names(model.resources.gatewayclasses),
      gateways: names(model.resources.gateways),
      httproutes: names(model.resources.httproutes),
      referencegrants: model.resources.referencegrants.length,
      endpointslices: model.resources.endpointslices.length,
      nodes: model.resources.nodes.length,
    }).toStrictEqual({
      namespaces: ['ingress-nginx', 'shop'],
      pods: [
        'ingress-nginx/ingress-nginx-controller-template',
        'shop/api-template',
        'shop/cart-template',
        'shop/checkout-template',
        'shop/frontend-template',
        'shop/frontend-v2-template',
        'shop/payments-template',
        'shop/postgres-template',
        'shop/redis-template',
      ],
      services: [
        'ingress-nginx/ingress-nginx-controller',
        'shop/api',
        'shop/cart',
        'shop/checkout',
        'shop/frontend',
        'shop/frontend-v2',
        'shop/payments',
        'shop/postgres',
        'shop/redis',
      ],
      networkpolicies: [
        'shop/allow-dns',
        'shop/api',
        'shop/cart',
        'shop/checkout',
        'shop/default-deny',
        'shop/frontend',
        'shop/payments',
        'shop/postgres',
        'shop/redis',
      ],
      ingresses: ['shop/shop'],
      ingressclasses: ['nginx'],
      gatewayclasses: ['envoy'],
      gateways: ['shop/shop'],
      httproutes: ['shop/storefront'],
      referencegrants: 0,
      endpointslices: 0,
      nodes: 0,
    });
  });

  it('holds the four planted faults and the shop\'s entrances', async () => {
    const { model } = await loadManifestPaths([demo]);
    const svc = (name: string) => model.resources.services.find((s) => s.meta.namespace === 'shop' && s.meta.name === name);
    const pod = (name: string) => model.resources.pods.find((p) => p.meta.namespace === 'shop' && p.meta.name === `${name}-template`);
    const policy = (name: string) => model.resources.networkpolicies.find((p) => p.meta.name === name);
    expect({
      // (a) the selector typo
      cartSelector: svc('cart')?.selector,
      cartPodLabel: pod('cart')?.meta.labels.app,
      // (b) a targetPort no checkout container declares
      checkoutTargetPort: svc('checkout')?.ports.map((p) => p.targetPort),
      checkoutPorts: pod('checkout')?.containers.flatMap((c) => c.ports.map((p) => p.name)),
      // (c) payments admits only checkout-v2, while checkout may send to payments
      paymentsFrom: policy('payments')?.ingress.flatMap((r) => r.peers.map((p) => p.podSelector?.matchLabels)),
      checkoutTo: policy('checkout')?.egress.flatMap((r) => r.peers.map((p) => p.podSelector?.matchLabels)),
      defaultDeny: policy('default-deny')?.policyTypes,
      redis: { clusterIP: svc('redis')?.clusterIP, subdomain: pod('redis')?.subdomain, workload: pod('redis')?.workload },
      ingressClass: model.resources.ingressclasses.map((c) => [c.meta.name, c.controller, c.isDefault]),
      ingress: model.resources.ingresses.map((i) => ({
        className: i.ingressClassName,
        tls: i.tls,
        paths: i.rules.flatMap((r) => r.paths.map((p) => [r.host, p.path, p.pathType, p.backend.service?.name])),
      })),
      controllerLabels: model.resources.pods.find((p) => p.meta.namespace === 'ingress-nginx')?.meta.labels,
      // (d) the storefront HTTPRoute: a 90/10 split between the frontend's versions, and /legacy into ingress-nginx
      storefront: model.resources.httproutes.flatMap((r) =>
        r.rules.map((rule) => [rule.matches.map((m) => `${m.path.type} ${m.path.value}`).join(), ...rule.backendRefs.map((b) => `${b.namespace ?? 'shop'}/${b.name}:${b.port} w${b.weight}`)]),
      ),
      frontendSelectors: ['frontend', 'frontend-v2'].map((n) => svc(n)?.selector),
    }).toStrictEqual({
      cartSelector: { app: 'crat' },
      cartPodLabel: 'cart',
      checkoutTargetPort: ['http-api'],
      checkoutPorts: ['http'],
      paymentsFrom: [{ app: 'checkout-v2' }],
      checkoutTo: [{ app: 'postgres' }, { app: 'payments' }],
      defaultDeny: ['Ingress', 'Egress'],
      redis: { clusterIP: 'None', subdomain: 'redis', workload: { kind: 'StatefulSet', name: 'redis' } },
      ingressClass: [['nginx', 'k8s.io/ingress-nginx', true]],
      ingress: [
        {
          className: 'nginx',
          tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
          paths: [
            ['shop.example.com', '/api', 'Prefix', 'api'],
            ['shop.example.com', '/', 'Prefix', 'frontend'],
          ],
        },
      ],
      controllerLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
      storefront: [
        ['PathPrefix /api', 'shop/api:80 w1'],
        ['PathPrefix /legacy', 'ingress-nginx/ingress-nginx-controller:80 w1'],
        ['PathPrefix /', 'shop/frontend:80 w90', 'shop/frontend-v2:80 w10'],
      ],
      frontendSelectors: [{ app: 'frontend', version: 'v1' }, { app: 'frontend', version: 'v2' }],
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
