// What a click on the map does, decided apart from React so that each case is tested: with the explain form open a
// pod or a Service fills it, a folded workload opens up, and anything else selects (or, on the background, clears),
// which opens the Selection panel, unless the what-if is open: it shows what its draft changes for the selected pod.

import { parseNodeId } from '@/lib/graph/elements';
import { flowTargetOfNode } from '../panels/panel-helpers';
import { formatObjectRef, type Panel } from './map-url';

export type ClickAction =
  /** Fill the explain form's armed field with this target. */
  | { kind: 'pick'; target: string }
  /** Open up this folded workload into its pods. */
  | { kind: 'expand'; workloadId: string }
  /** Change the URL: the selected pod, Service or Gateway (or none), back on the Selection panel (the what-if stays). */
  | { kind: 'select'; changes: Record<string, string | undefined> };

/** The action of a click on a node (undefined: the background) while `panel` is open. */
export function clickAction(nodeId: string | undefined, panel: Panel): ClickAction {
  const target = panel === 'explain' && nodeId ? flowTargetOfNode(nodeId) : undefined;
  if (target) return { kind: 'pick', target };
  const node = nodeId === undefined ? undefined : parseNodeId(nodeId);
  if (node?.kind === 'workload') return { kind: 'expand', workloadId: node.id };
  const selected = (kind: 'pod' | 'service' | 'gateway') => (node?.kind === kind ? formatObjectRef(node) : undefined);
  return { kind: 'select', changes: { pod: selected('pod'), svc: selected('service'), gw: selected('gateway'), panel: panel === 'whatif' ? panel : undefined } };
}
