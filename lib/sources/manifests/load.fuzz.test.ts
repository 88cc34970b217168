// Property-based fuzzing of the manifests loader: random YAML-ish text and random structured objects. It either
// returns a model or throws a ManifestError that names the file and, unless the error concerns the whole input,
// a line inside it. Any other exception fails. The seed is fixed; fast-check prints the counterexample.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManifestError, modelFromDocuments } from '.';

const RUNS = 1000;
const SEED = 20_260_801;
const FILE = 'fuzz.yaml';
// A few seconds alone; the margin is for a full suite on a busy machine.
const TIMEOUT_MS = 30_000;

/** Pieces of Kubernetes YAML, valid and not, joined at random. */
const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'apiVersion: v1\n', 'apiVersion: networking.k8s.io/v1\n', 'apiVersion: apps/v1\n', 'kind: Service\n', 'kind: Pod\n',
        'kind: NetworkPolicy\n', 'kind: Deployment\n', 'kind: List\n', 'kind: PodList\n', 'items:\n', 'metadata:\n', '  name: a\n',
        '  namespace: shop\n', 'metadata: {name: a}\n', 'spec:\n', '  ports:\n', '  - port: 80\n', '    targetPort: http\n',
        '  containers: [{name: c, ports: [{containerPort: 80, name: HTTP_Port}]}]\n', '  podSelector: {}\n', '  ingress:\n',
        '  - from: [{ipBlock: {cidr: 10.0.0.0/33, except: [::/64]}}]\n', '    ports: [{port: 90, endPort: 80}]\n', '---\n', '- ',
        '  ', '{', '}', '[', ']', ': ', '"', "'", '&a ', '*a ', '<<: *a\n', '\n', 'null', '~', '0x1F', 'yes', '!!binary ', '%YAML 1.2\n',
        '# comment\n', '\t', '\u0000', '\uFEFF',
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const KINDS = ['Namespace', 'Node', 'Pod', 'Service', 'EndpointSlice', 'Ingress', 'IngressClass', 'NetworkPolicy', 'Secret', 'Deployment', 'CronJob', 'ConfigMap', 'List'];

/** Objects shaped like Kubernetes objects, with anything at all in their fields. */
const structured = fc
  .array(
    fc.record(
      {
        apiVersion: fc.oneof(fc.constantFrom('v1', 'apps/v1', 'networking.k8s.io/v1', 'discovery.k8s.io/v1', 'batch/v1'), fc.jsonValue()),
        kind: fc.oneof(fc.constantFrom(...KINDS), fc.jsonValue()),
        metadata: fc.oneof(fc.record({ name: fc.oneof(fc.constant('a'), fc.jsonValue()), namespace: fc.jsonValue() }, { requiredKeys: [] }), fc.jsonValue()),
        spec: fc.jsonValue({ maxDepth: 3 }),
        items: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 3 },
  )
  .map((objects) => objects.map((o) => JSON.stringify(o)).join('\n---\n'));

const outcomes = { models: 0, errors: 0 };

function check(text: string) {
  let result: unknown;
  try {
    result = modelFromDocuments([{ file: FILE, text }]);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    const e = error as ManifestError;
    expect(e.file).toBe(FILE);
    expect(e.reason.trim()).not.toBe('');
    const lines = text.split(/\r\n|\r|\n/).length;
    if (e.reason.startsWith('no Kubernetes objects found')) expect(e.line).toBe(0);
    else expect(e.line >= 1 && e.line <= lines).toBe(true);
    outcomes.errors += 1;
    return;
  }
  expect(result).toHaveProperty('model');
  outcomes.models += 1;
}

describe('the manifests loader, fuzzed', () => {
  it(`${RUNS} YAML-ish texts: a model, or a ManifestError at the file and a line`, () => {
    fc.assert(fc.property(fc.oneof(yamlish, fc.string({ unit: 'binary', maxLength: 200 })), check), { numRuns: RUNS, seed: SEED });
  }, TIMEOUT_MS);

  it(`${RUNS} structured objects: a model, or a ManifestError at the file and a line`, () => {
    fc.assert(fc.property(structured, check), { numRuns: RUNS, seed: SEED });
  }, TIMEOUT_MS);

  it('the generated inputs reach both outcomes (else the fuzzing proves little)', () => {
    expect({ models: outcomes.models > 20, errors: outcomes.errors > 20 }).toStrictEqual({ models: true, errors: true });
  });
});
