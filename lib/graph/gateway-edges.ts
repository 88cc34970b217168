// The map's Gateway -> Service edges, read off the engine's Gateway summaries: which Services each Gateway sends
// traffic to, and the label of each edge (hostname and path, the share when a rule splits its traffic, and what is
// wrong with a backend the Gateway cannot use). Pure: no ids, no React; every meaning is summarizeGateways'.

import { percent, summarizeGateways, type BackendState, type BackendSummary, type GatewaySummary, type RouteSummary, type RuleSummary } from '@/lib/analysis/gateway';
import type { ClusterModel } from '@/lib/model';

/** The summaries of a model's Gateways, worked out once per model (the map, its focus and the Gateway panel share them). */
const summariesCache = new WeakMap<ClusterModel, GatewaySummary[]>();

export function gatewaySummaries(model: ClusterModel): GatewaySummary[] {
  let summaries = summariesCache.get(model);
  if (!summaries) summariesCache.set(model, (summaries = summarizeGateways(model)));
  return summaries;
}

/** Backends the Gateway cannot send their share to (the Gateway answers 500 or rejects the connection for it). */
export const INVALID_BACKEND_STATES: ReadonlySet<BackendState> = new Set(['RefNotPermitted', 'BackendNotFound', 'NoSuchPort', 'InvalidKind']);

export interface GatewayEdge {
  /** The Service the edge points at. */
  namespace: string;
  name: string;
  /** One line per route rule that sends traffic there ("next.shop.example.com / · 90%"), in route and rule order. */
  lines: string[];
  /** Some rule's reference to this Service is not usable (its line says why). */
  invalid: boolean;
  /** The Service does not exist. */
  missing: boolean;
}

/** "next.shop.example.com", "a.example.com, b.example.com", or "*" for a route that takes every hostname. */
const hostsText = (route: RouteSummary) => (route.hostnames === undefined || route.hostnames.length === 0 ? '*' : route.hostnames.join(', '));

/** What a rule matches, briefly: the paths of an HTTPRoute, the matches of a GRPCRoute, nothing for L4 routes. */
function matchText(route: RouteSummary, rule: RuleSummary): string {
  if (route.kind === 'HTTPRoute') return rule.paths.join(' ');
  if (route.kind === 'GRPCRoute') return rule.matches.join(' | ');
  return '';
}

function lineOf(route: RouteSummary, rule: RuleSummary, backend: BackendSummary): string {
  const where = route.kind === 'TCPRoute' || route.kind === 'UDPRoute' ? `${route.kind} ${route.name}` : [hostsText(route), matchText(route, rule)].filter(Boolean).join(' ');
  // The share only says something when the rule splits its traffic.
  const share = rule.backends.length > 1 ? ` · ${percent(backend.share)}` : '';
  const problem = INVALID_BACKEND_STATES.has(backend.state) ? ` ✕ ${backend.state}` : backend.state === 'no-traffic' ? ' (weight 0)' : '';
  return `${where}${share}${problem}`;
}

/** The edges of one Gateway, by Service ("namespace/name"), in the order the routes and rules first name them. */
export function gatewayEdges(summary: GatewaySummary, serviceExists: (namespace: string, name: string) => boolean): GatewayEdge[] {
  const edges = new Map<string, GatewayEdge>();
  for (const route of summary.routes) {
    for (const rule of route.rules) {
      for (const backend of rule.backends) {
        // Only Services are drawn; a backend of another kind is listed in the Gateway panel.
        if (backend.kind !== 'Service' || backend.state === 'InvalidKind') continue;
        const key = `${backend.namespace}/${backend.name}`;
        const edge = edges.get(key) ?? { namespace: backend.namespace, name: backend.name, lines: [], invalid: false, missing: !serviceExists(backend.namespace, backend.name) };
        edges.set(key, edge);
        const line = lineOf(route, rule, backend);
        if (!edge.lines.includes(line)) edge.lines.push(line);
        if (INVALID_BACKEND_STATES.has(backend.state)) edge.invalid = true;
      }
    }
  }
  return [...edges.values()];
}
