import { describe, expect, it } from 'vitest';
import { emptyModel, RESOURCE_KINDS } from '@/lib/model';
import { httpPath, ingress, ingressClass, ingressRule, model, pod, service, serviceBackend } from '@/lib/analysis/testing/builders';
import { CHECKS, diagnose, formatFindings, type Check, type DiagnoseReport } from './index';

// One of each kind of trouble, so the whole registry has something to say.
const troubled = model({
  namespaces: [],
  pods: [
    pod('shop/cart-1', { labels: { app: 'cart' }, ip: '10.0.0.1', ports: [{ name: 'http', containerPort: 8080 }] }),
    pod('shop/web-1', { labels: { app: 'web' }, ip: '10.0.0.2', ready: false, notReadyReason: 'Containers not ready: main', ports: [8080] }),
  ],
  services: [
    service('shop/cart', { selector: { app: 'crat' } }),
    service('shop/web', { ports: [{ name: 'http', port: 80, targetPort: 8080 }] }),
    service('shop/lb', { type: 'LoadBalancer', selector: { app: 'cart' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }),
  ],
  ingresses: [
    ingress('shop/site', {
      ingressClassName: 'nginx',
      rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', serviceBackend('frontend', 80)))],
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
    }),
  ],
  ingressclasses: [ingressClass('nginx', { isDefault: true })],
});

describe('diagnose: the runner', () => {
  it('runs the registry and sorts findings by severity (error, warning, info), then id', () => {
    const report = diagnose(troubled);
    expect(report.findings.map((f) => [f.severity, f.id])).toStrictEqual([
      ['error', 'ingress-backend-service-missing:Ingress/shop/site:frontend'],
      ['error', 'ingress-tls-secret-missing:Ingress/shop/site:shop-tls'],
      ['error', 'service-no-ready-endpoints:Service/shop/web'],
      ['error', 'service-selector-matches-nothing:Service/shop/cart'],
      ['warning', 'loadbalancer-without-address:Service/shop/lb'],
      ['info', 'namespace-without-policy:Namespace/shop'],
    ]);
    expect(report.skipped).toStrictEqual([]);
  });

  it('gives every check a unique name, and every finding a unique id starting with its check', () => {
    const names = CHECKS.map((c) => c.check);
    expect(new Set(names).size).toBe(names.length);
    const { findings } = diagnose(troubled);
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
    for (const f of findings) expect(f.id.startsWith(`${f.check}:`)).toBe(true);
  });

  it('skips every check while the model is still loading, saying which kinds it waits for', () => {
    const report = diagnose(emptyModel());
    expect(report.findings).toStrictEqual([]);
    expect(report.skipped.map((s) => s.check)).toStrictEqual(CHECKS.map((c) => c.check));
    expect(report.skipped[1]).toStrictEqual({
      check: 'service-no-ready-endpoints',
      reason: 'services are still loading; pods are still loading; endpointslices are still loading',
    });
  });

  it('skips only the checks whose data is not synced (endpointslices forbidden: the readiness check, not the selector check)', () => {
    const m = { ...troubled, sync: { ...troubled.sync, endpointslices: { status: 'forbidden' as const, message: 'RBAC' } } };
    const report = diagnose(m);
    expect(report.skipped).toStrictEqual([
      { check: 'service-no-ready-endpoints', reason: 'endpointslices cannot be read (forbidden: RBAC)' },
      { check: 'service-selectorless-no-endpoints', reason: 'endpointslices cannot be read (forbidden: RBAC)' },
      { check: 'service-all-clients-blocked', reason: 'endpointslices cannot be read (forbidden: RBAC)' },
    ]);
    expect(report.findings.map((f) => f.id)).toContain('service-selector-matches-nothing:Service/shop/cart');
    expect(report.findings.map((f) => f.id)).not.toContain('service-no-ready-endpoints:Service/shop/web');
  });

  it('takes more checks through options.checks, and reports a failing check as skipped', () => {
    const extra: Check = {
      check: 'service-all-clients-blocked',
      needs: ['services', 'pods', 'networkpolicies'],
      run: ({ model: m }) =>
        m.resources.services
          .filter((s) => s.meta.name === 'web')
          .map((s) => ({
            id: `service-all-clients-blocked:Service/${s.meta.namespace}/${s.meta.name}`,
            check: 'service-all-clients-blocked',
            severity: 'error' as const,
            objects: [{ kind: 'Service', namespace: s.meta.namespace ?? '', name: s.meta.name }],
            message: 'm',
            hint: 'h',
          })),
    };
    const broken: Check = {
      check: 'broken',
      needs: [],
      run: () => {
        throw new Error('boom');
      },
    };
    const report = diagnose(troubled, { checks: [...CHECKS, extra, broken] });
    expect(report.findings.map((f) => f.id)).toContain('service-all-clients-blocked:Service/shop/web');
    expect(report.skipped).toContainEqual({ check: 'broken', reason: 'the check failed: boom' });
    expect(report.findings).toHaveLength(diagnose(troubled).findings.length + 1);
  });

  it('reads every kind it needs from the model’s own sync states (RESOURCE_KINDS only)', () => {
    for (const c of CHECKS) for (const kind of c.needs) expect(RESOURCE_KINDS).toContain(kind);
  });
});

describe('formatFindings', () => {
  it('writes one block per finding, then the skipped checks and a summary', () => {
    const report: DiagnoseReport = {
      findings: [
        {
          id: 'service-selector-matches-nothing:Service/shop/cart',
          check: 'service-selector-matches-nothing',
          severity: 'error',
          objects: [{ kind: 'Service', namespace: 'shop', name: 'cart' }],
          message: 'Service shop/cart selects app=crat.',
          hint: 'Did you mean app=cart?',
        },
        {
          id: 'namespace-without-policy:Namespace/shop',
          check: 'namespace-without-policy',
          severity: 'info',
          objects: [{ kind: 'Namespace', name: 'shop' }],
          message: 'No policy.',
          hint: 'Add one.',
        },
      ],
      skipped: [{ check: 'ingress-tls-secret-missing', reason: 'secret names are not readable' }],
    };
    expect(formatFindings(report)).toBe(
      [
        'ERROR service-selector-matches-nothing: Service shop/cart',
        '  Service shop/cart selects app=crat.',
        '  Fix: Did you mean app=cart?',
        '  id: service-selector-matches-nothing:Service/shop/cart',
        '',
        'INFO namespace-without-policy: Namespace shop',
        '  No policy.',
        '  Fix: Add one.',
        '  id: namespace-without-policy:Namespace/shop',
        '',
        'Skipped checks:',
        '  ingress-tls-secret-missing: secret names are not readable',
        '',
        '1 error, 0 warnings, 1 info; 1 check skipped.',
        '',
      ].join('\n'),
    );
  });

  it.each([
    { name: 'nothing at all', report: { findings: [], skipped: [] }, text: 'No findings.\n' },
    { name: 'only skipped checks', report: { findings: [], skipped: [{ check: 'a', reason: 'r' }] }, text: 'Skipped checks:\n  a: r\n\nNo findings (1 check skipped).\n' },
  ])('says so when there are no findings: $name', ({ report, text }) => {
    expect(formatFindings(report)).toBe(text);
  });
});
