// A check may find hundreds of thousands of things on a big cluster: collecting them must not overflow the stack
// (spreading 240k findings into push() did: "RangeError: Maximum call stack size exceeded").
import { describe, expect, it } from 'vitest';
import { emptyModel } from '@/lib/model';
import { runChecks } from './test-helpers';
import type { Check, Finding } from './types';

const FINDINGS = 300_000;

const manyFindings: Check = {
  check: 'many',
  needs: [],
  run: () =>
    Array.from({ length: FINDINGS }, (_, i): Finding => ({
      id: `many:Service/ns/s${i}`,
      check: 'many',
      severity: 'warning',
      objects: [{ kind: 'Service', namespace: 'ns', name: `s${i}` }],
      message: '',
      hint: '',
    })),
};

describe('diagnose on a large model', () => {
  it(`collects ${FINDINGS.toLocaleString('en')} findings of one check`, () => {
    const report = runChecks(manyFindings, emptyModel({ status: 'synced' }));
    expect(report.findings.length).toBe(FINDINGS);
    expect(report.skipped).toStrictEqual([]);
  });
});
