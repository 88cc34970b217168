// The shapes of a diagnosis: findings, skipped checks, options, and the check interface every rule implements.

import type { ClusterModel, ResourceKind } from '@/lib/model';
import type { ModelOrigin } from '@/lib/model/origin';
import type { ModelIndex } from '@/lib/analysis/model-index';

export type Severity = 'error' | 'warning' | 'info';

/** An object a finding is about. Only objects the model holds are listed (a missing Service is named in the text). */
export interface FindingObject {
  kind: string;
  /** Absent for cluster-scoped kinds (Namespace, IngressClass). */
  namespace?: string;
  name: string;
}

export interface Finding {
  /**
   * Stable across runs, so the UI and CI can track a finding: `${check}:${kind}/${namespace}/${name}` of the object
   * at fault (`${check}:${kind}/${name}` for a cluster-scoped one), plus `:${port}` for a per-port finding (a Service
   * port as `80/TCP`) and `:${name}` for a per-reference one (the Service or Secret an Ingress names).
   */
  id: string;
  /** The check that made it, e.g. 'service-selector-matches-nothing'. */
  check: string;
  severity: Severity;
  /** The object at fault first, then the others involved. */
  objects: FindingObject[];
  /** What is wrong, concretely: names, labels, ports. */
  message: string;
  /** How to fix it. */
  hint: string;
}

export interface SkippedCheck {
  check: string;
  reason: string;
}

export interface DiagnoseReport {
  /** Sorted by severity (error, warning, info), then id. */
  findings: Finding[];
  /** Checks that could not decide (their data is not synced, or an option they need is absent), in registry order. */
  skipped: SkippedCheck[];
}

export interface DiagnoseOptions {
  /**
   * Where the model comes from. Manifests carry no status, so checks that read status written by controllers
   * (a LoadBalancer's address) are skipped for them instead of reporting every such object.
   */
  source?: ModelOrigin;
  /** The checks to run; defaults to CHECKS (the registry). */
  checks?: readonly Check[];
}

export interface CheckContext {
  model: ClusterModel;
  index: ModelIndex;
  options: DiagnoseOptions;
}

/** Returned by a check that cannot decide for a reason other than sync state (e.g. an option it needs is absent). */
export interface CheckSkip {
  skip: string;
}

/** One rule. A check whose `needs` are not all synced is not run: it is reported as skipped with the reason. */
export interface Check {
  /** The check's name: Finding.check and the first part of every id it makes. */
  check: string;
  /** The kinds whose data the check reads; each must be synced, or the check is skipped. */
  needs: readonly ResourceKind[];
  run(context: CheckContext): Finding[] | CheckSkip;
}
