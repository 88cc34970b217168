// explainFlow's trace as data: the steps the engine took, in order, each with the sentence for a person. The UI
// renders them as they are; formatFlowTrace gives the plain-text lines the CLI prints.

import type { Direction, SideStep } from '../policy/types';

export type FlowTraceStep =
  /** How a named end became addresses and pods: DNS, a Service's endpoints, the pods of a Service. */
  | { kind: 'resolve'; text: string }
  /** The start of one path (a source and one destination endpoint); the steps up to the next path are its own. */
  | { kind: 'path'; text: string }
  /** Why traffic cannot reach this endpoint at all, before any policy. */
  | { kind: 'problem'; text: string }
  /** One step of a side of the path (the side's own SideStep). */
  | { kind: 'side'; direction: Direction; step: SideStep }
  /** The policies deny the path, but the network plugin does not enforce them: the traffic flows (EnforcementNote). */
  | { kind: 'enforcement'; text: string };

/** The trace as lines of text: a path's own steps indented under it, a side's prefixed with its direction. */
export function formatFlowTrace(trace: readonly FlowTraceStep[]): string[] {
  return trace.map((step) => {
    switch (step.kind) {
      case 'resolve':
      case 'path':
        return step.text;
      case 'problem':
      case 'enforcement':
        return `  ${step.text}`;
      case 'side':
        return `  ${step.direction}: ${step.step.text}`;
    }
  });
}
