// The errors the analysis throws, in one place (after np-guard's connlist_errors.go): each has a type that callers
// and tests match on, a severity, and is built by one message constructor, so the English is written once.
//
// An error is for a question that cannot be asked (it names something the model does not hold, or text that is no
// target). Data the model lacks is not an error: the answer is then "unknown" with the reason (see sync-state.ts).

export type AnalysisErrorType =
  | 'target-unreadable'
  | 'pod-not-found'
  | 'workload-not-found'
  | 'service-not-found'
  | 'service-without-selector'
  | 'service-selects-no-pods'
  | 'source-not-resolved'
  | 'destination-not-resolved'
  | 'service-port-unresolved'
  | 'trace-target-unreadable';

/**
 * fatal: the question as a whole has no answer (the CLI exits 2, the API answers 400). warning: the main answer
 * stands and only a part of it is left out, as a trace does with the policy check of an Ingress controller's flow.
 */
export type ErrorSeverity = 'fatal' | 'warning';

export class AnalysisError extends Error {
  constructor(
    readonly type: AnalysisErrorType,
    message: string,
    readonly severity: ErrorSeverity = 'fatal',
  ) {
    super(message);
    this.name = new.target.name;
  }

  get fatal(): boolean {
    return this.severity === 'fatal';
  }
}

/** The flow, reachability or route question names an end the model does not hold, or one that cannot be read. */
export class FlowInputError extends AnalysisError {}

/** The message constructors: the only place these sentences are written. */
export const flowInputErrors = {
  targetUnreadable: (message: string) => new FlowInputError('target-unreadable', message),
  /** `instead`: a target that names what the person probably meant (a workload of that name). */
  podNotFound: (namespace: string, name: string, instead?: string) =>
    new FlowInputError('pod-not-found', `no pod ${namespace}/${name} in the model${instead ? `; did you mean ${instead}?` : ''}`),
  workloadNotFound: (kind: string, namespace: string, name: string) =>
    new FlowInputError('workload-not-found', `no pod of ${kind} ${namespace}/${name} in the model`),
  serviceNotFound: (namespace: string, name: string) => new FlowInputError('service-not-found', `no Service ${namespace}/${name} in the model`),
  serviceWithoutSelector: (namespace: string, name: string) =>
    new FlowInputError('service-without-selector', `Service ${namespace}/${name} has no selector, so it has no pods to send from`),
  serviceSelectsNoPods: (namespace: string, name: string) =>
    new FlowInputError('service-selects-no-pods', `Service ${namespace}/${name} selects no pods to send from`),
  sourceNotResolved: (name: string, why: string) =>
    new FlowInputError('source-not-resolved', `source ${name} does not resolve to an address in the cluster (${why})`),
  destinationNotResolved: (name: string, namespace: string, reasons: readonly string[]) =>
    new FlowInputError('destination-not-resolved', `${name} does not resolve from namespace ${namespace}${reasons.length ? `: ${reasons.join('; ')}` : ''}`),
  servicePortUnresolved: (message: string) => new FlowInputError('service-port-unresolved', message),
};

/** The text given as what to trace (a URL, a grpc:// or tcp:// target, a header) cannot be read. */
export class TraceTargetError extends AnalysisError {}

export const traceTargetErrors = {
  unreadable: (why: string) => new TraceTargetError('trace-target-unreadable', why),
};
