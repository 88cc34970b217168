import type { Page } from '@playwright/test';
import { describeRanges } from '@/lib/analysis/net/describe-ranges';
import type { ReachablePeers } from '@/lib/analysis/reach/reachable-peers';

// Reads of the map through its test hook (window.__kubeNetmapMap): the map is a canvas, so what it shows is asked
// of its Cytoscape instance.

/** Where the map draws a node, in page coordinates, or undefined while it is not drawn. */
export async function nodePosition(page: Page, id: string) {
  return page.evaluate((nodeId) => {
    const cy = window.__kubeNetmapMap;
    const node = cy?.getElementById(nodeId);
    if (!cy || !node || node.empty()) return undefined;
    const r = node.renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + r.x, y: box.top + r.y };
  }, id);
}

/** The node ids the map currently shows as peers of the selection. */
export async function highlightedPeers(page: Page): Promise<string[]> {
  return page.evaluate(() => (window.__kubeNetmapMap?.nodes('.peer-egress, .peer-ingress, .peer-both').map((n) => n.id()) ?? []).sort());
}

/** The node ids the map shows as peers the selection may reach (egress, or both ways). */
export async function egressPeers(page: Page): Promise<string[]> {
  return page.evaluate(() => (window.__kubeNetmapMap?.nodes('.peer-egress, .peer-both').map((n) => n.id()) ?? []).sort());
}

/** Positions of the map's leaf nodes (compound boxes resize around their children, so they are left out). */
export async function leafPositions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() => {
    const cy = window.__kubeNetmapMap;
    if (!cy) return {};
    return Object.fromEntries(cy.nodes(':childless').map((n) => [n.id(), { ...n.position() }]));
  });
}

export function nodeData(page: Page, id: string, key: string): Promise<unknown> {
  return page.evaluate(([nodeId, field]) => window.__kubeNetmapMap?.getElementById(nodeId!).data(field!) as unknown, [id, key]);
}

export function zoom(page: Page): Promise<number> {
  return page.evaluate(() => window.__kubeNetmapMap?.zoom() ?? 0);
}

/** The map's node ids of the engine's peers: pods, Services, and address ranges. */
export function peerNodeIds(reach: ReachablePeers): string[] {
  const idOf = ({ peer }: ReachablePeers['egress'][number]) =>
    peer.type === 'ipRange' ? `ip:${describeRanges(peer.cidrs)}` : `${peer.type === 'service' ? 'svc' : 'pod'}:${peer.namespace}/${peer.name}`;
  return [...new Set([...reach.egress, ...reach.ingress].map(idOf))].sort();
}

/** Resolves once the map has drawn its first complete, laid-out graph (the layout runs in a worker). */
export async function mapLaidOut(page: Page): Promise<void> {
  await page.locator('[data-testid="network-map"][data-laid-out="true"]').waitFor({ state: 'attached' });
}

/** The ids of the edges the map draws for an engine's answer (an explained flow, a traced request), sorted. */
export async function answerEdges(page: Page): Promise<string[]> {
  return page.evaluate(() => (window.__kubeNetmapMap?.edges('[kind = "path"]').map((e) => e.id()) ?? []).sort());
}
