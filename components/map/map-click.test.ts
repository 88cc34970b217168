import { describe, expect, it } from 'vitest';
import { clickAction, type ClickAction } from './map-click';
import type { Panel } from './map-url';

describe('clickAction: what a click on the map does', () => {
  it.each<{ name: string; nodeId: string | undefined; panel: Panel; want: ClickAction }>([
    { name: 'a pod selects it and goes back to the Selection panel', nodeId: 'pod:shop/web-1', panel: 'dns', want: { kind: 'select', changes: { pod: 'shop/web-1', svc: undefined, gw: undefined, panel: undefined } } },
    { name: 'a Service selects it, and no pod', nodeId: 'svc:shop/api', panel: 'selection', want: { kind: 'select', changes: { svc: 'shop/api', pod: undefined, gw: undefined, panel: undefined } } },
    { name: 'a Gateway selects it, and nothing else', nodeId: 'gw:shop/shop', panel: 'trace', want: { kind: 'select', changes: { gw: 'shop/shop', pod: undefined, svc: undefined, panel: undefined } } },
    { name: 'with the explain form open, a Gateway selects it (it is no flow target)', nodeId: 'gw:shop/shop', panel: 'explain', want: { kind: 'select', changes: { gw: 'shop/shop', pod: undefined, svc: undefined, panel: undefined } } },
    { name: 'a folded workload opens up', nodeId: 'wl:shop/Deployment/api', panel: 'selection', want: { kind: 'expand', workloadId: 'wl:shop/Deployment/api' } },
    { name: 'the background clears the selection', nodeId: undefined, panel: 'selection', want: { kind: 'select', changes: { pod: undefined, svc: undefined, gw: undefined, panel: undefined } } },
    { name: 'a namespace clears the selection too', nodeId: 'ns:shop', panel: 'selection', want: { kind: 'select', changes: { pod: undefined, svc: undefined, gw: undefined, panel: undefined } } },
    { name: 'with the explain form open, a pod fills it', nodeId: 'pod:shop/web-1', panel: 'explain', want: { kind: 'pick', target: 'pod/shop/web-1' } },
    { name: 'with the explain form open, a Service fills it', nodeId: 'svc:shop/api', panel: 'explain', want: { kind: 'pick', target: 'svc/shop/api' } },
    { name: 'with the what-if open, a pod selects it and the what-if stays (it shows what changes for the pod)', nodeId: 'pod:shop/web-1', panel: 'whatif', want: { kind: 'select', changes: { pod: 'shop/web-1', svc: undefined, gw: undefined, panel: 'whatif' } } },
    { name: 'with the what-if open, the background clears the selection and the what-if stays', nodeId: undefined, panel: 'whatif', want: { kind: 'select', changes: { pod: undefined, svc: undefined, gw: undefined, panel: 'whatif' } } },
    { name: 'with the what-if open, a folded workload opens up', nodeId: 'wl:shop/Deployment/api', panel: 'whatif', want: { kind: 'expand', workloadId: 'wl:shop/Deployment/api' } },
    { name: 'with the explain form open, a folded workload still opens up', nodeId: 'wl:shop/Deployment/api', panel: 'explain', want: { kind: 'expand', workloadId: 'wl:shop/Deployment/api' } },
  ])('$name', ({ nodeId, panel, want }) => {
    expect(clickAction(nodeId, panel)).toEqual(want);
  });
});
