// Which Ingress rule, Service and backends an HTTP request reaches, with the trace. Follows networking.k8s.io/v1
// Ingress (IngressRule.host, HTTPIngressPath.path/pathType, defaultBackend) and IngressClass.
// Over 400 lines as one idea: Ingress request routing, from the class to the backends, and why a request misses.

import type { ClusterModel, Ingress, IngressBackend, IngressClass, IngressPath, IngressPathType, Service } from '@/lib/model';
import { nearest, normalizeHost } from '@/lib/analysis/dns/names';
import { describeServicePort, findService, resolveServicePort, type ServicePortResolution } from '@/lib/analysis/services/service-backends';
import { unsyncedReason } from '@/lib/analysis/sync-state';
import { qualifiedName } from '@/lib/model/names';

export interface RouteStep {
  kind: 'ingressclass' | 'ingress' | 'rule' | 'service' | 'backend';
  text: string;
}

export interface RouteResult {
  /** True when a rule (or a defaultBackend) takes the request and the backend it names exists. */
  matched: boolean;
  ingress?: Ingress;
  ingressClass?: IngressClass;
  rule?: { host?: string; path?: string; pathType?: IngressPathType; isDefaultBackend: boolean };
  service?: Service;
  resolution?: ServicePortResolution;
  /** The trace, in order. */
  steps: RouteStep[];
  /** Why nothing matched (or why the matched backend cannot serve), with the nearest candidates. */
  reasons: string[];
  /** Set when the data the answer needs is not synced: then there is no route, only this reason. */
  unknown?: string;
}

const ROUTE_KINDS = ['ingresses', 'ingressclasses', 'services', 'endpointslices', 'pods'] as const;
const MAX_BACKEND_STEPS = 20;


interface SelectedIngress {
  ingress: Ingress;
  ingressClass?: IngressClass;
  /** How the class was found, for the trace. */
  classText: string;
  order: number;
}

type HostMatch = { rank: 2 | 1 | 0; text: string };

interface Candidate {
  sel: SelectedIngress;
  host?: string;
  hostMatch: HostMatch;
  path: IngressPath;
  rulePath: string;
  length: number;
  order: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Matching

/**
 * Host matching per IngressRule.host: exact, or `*.foo.com` matching exactly one extra label; a rule without a host
 * matches every host. Ranked precise > wildcard > none.
 */
export function matchHost(ruleHost: string | undefined, requestHost: string): HostMatch | undefined {
  if (ruleHost === undefined || ruleHost === '') return { rank: 0, text: 'the rule has no host, so it matches every host' };
  const rule = normalizeHost(ruleHost);
  if (rule.startsWith('*.')) {
    const suffix = rule.slice(1);
    if (!requestHost.endsWith(suffix)) return undefined;
    const label = requestHost.slice(0, -suffix.length);
    if (label === '' || label.includes('.')) return undefined;
    return { rank: 1, text: `host ${requestHost} matches wildcard ${rule} (one label: ${label})` };
  }
  return rule === requestHost ? { rank: 2, text: `host ${requestHost} matches ${rule} exactly` } : undefined;
}

const pathElements = (path: string) => path.split('/').filter((e) => e !== '');

/**
 * HTTPIngressPath matching. Exact: the same string, case-sensitive. Prefix (and ImplementationSpecific, read as
 * Prefix): element-wise over the `/`-split path, a trailing slash in the rule ignored, so `/foo` matches `/foo/bar`
 * and not `/foobar`. Returns the length that ranks the match (the rule path without a trailing slash).
 */
export function matchPath(rulePath: string, pathType: IngressPathType, requestPath: string): number | undefined {
  if (pathType === 'Exact') return rulePath === requestPath ? rulePath.length : undefined;
  const rule = pathElements(rulePath);
  const request = pathElements(requestPath);
  if (rule.length > request.length) return undefined;
  for (let i = 0; i < rule.length; i++) if (rule[i] !== request[i]) return undefined;
  return rule.length === 0 ? 1 : 1 + rule.join('/').length;
}

function normalizePath(path: string): string {
  let p = path.trim();
  const cut = p.search(/[?#]/);
  if (cut >= 0) p = p.slice(0, cut);
  if (!p.startsWith('/')) p = `/${p}`;
  return p;
}

const created = (i: Ingress) => i.meta.creationTimestamp ?? '\uffff';

/** Oldest first, then by namespace/name: the order in which ingress-nginx lets the first Ingress win a conflict. */
function compareAge(a: Ingress, b: Ingress): number {
  return created(a).localeCompare(created(b)) || qualifiedName(a).localeCompare(qualifiedName(b));
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    b.hostMatch.rank - a.hostMatch.rank ||
    b.length - a.length ||
    Number(b.path.pathType === 'Exact') - Number(a.path.pathType === 'Exact') ||
    a.sel.order - b.sel.order ||
    a.order - b.order
  );
}

const HOST_KIND = ['no host', 'a wildcard host', 'a precise host'] as const;

function whyWins(winner: Candidate, loser: Candidate): string {
  const what = `${qualifiedName(loser.sel.ingress)} ${loser.host ?? '(any host)'} ${loser.rulePath} (${loser.path.pathType})`;
  if (winner.hostMatch.rank !== loser.hostMatch.rank) {
    return `beats ${what}: ${HOST_KIND[winner.hostMatch.rank]} beats ${HOST_KIND[loser.hostMatch.rank]} (a controller picks the host first, then the path)`;
  }
  if (winner.length !== loser.length) return `beats ${what}: the longest matching path wins`;
  if (winner.path.pathType !== loser.path.pathType) return `beats ${what}: Exact beats Prefix at equal length`;
  if (winner.sel !== loser.sel) return `beats ${what}: same host and path, and the older Ingress wins (as in ingress-nginx)`;
  return `beats ${what}: same host and path in the same Ingress, and the first one listed wins`;
}

function describePathMatch(c: Candidate, requestPath: string): string {
  switch (c.path.pathType) {
    case 'Exact':
      return `path ${requestPath} equals ${c.rulePath} (Exact)`;
    case 'Prefix':
      return `path ${requestPath} matches ${c.rulePath} (Prefix, element-wise)`;
    case 'ImplementationSpecific':
      return `path ${requestPath} matches ${c.rulePath} (ImplementationSpecific, treated as Prefix; the controller may match it differently)`;
  }
}

/** Hints for near misses: /foo vs /foobar under Prefix, case or trailing slash under Exact. */
function nearMiss(rulePath: string, pathType: IngressPathType, requestPath: string): string | undefined {
  if (pathType === 'Exact') {
    if (rulePath.toLowerCase() === requestPath.toLowerCase()) return `Exact ${rulePath} is case-sensitive`;
    if (rulePath.replace(/\/+$/, '') === requestPath.replace(/\/+$/, '')) return `Exact ${rulePath} differs from ${requestPath} by a trailing slash`;
    return undefined;
  }
  const rule = rulePath.replace(/\/+$/, '');
  if (rule !== '' && requestPath.startsWith(rule)) return `Prefix ${rulePath} does not match ${requestPath}: Prefix matching is element-wise`;
  if (requestPath.toLowerCase().startsWith(rule.toLowerCase()) && matchPath(rule.toLowerCase(), 'Prefix', requestPath.toLowerCase())) {
    return `${pathType} ${rulePath} is case-sensitive`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Classes

function selectIngresses(model: ClusterModel, requested: string | undefined, reasons: string[]): SelectedIngress[] {
  const classes = new Map(model.resources.ingressclasses.map((c) => [c.meta.name, c]));
  const names = [...classes.keys()].sort();
  const known = names.length > 0 ? `IngressClasses: ${names.join(', ')}` : 'there are no IngressClasses';
  const defaults = model.resources.ingressclasses.filter((c) => c.isDefault);
  const ingresses = [...model.resources.ingresses].sort(compareAge);
  const selected: SelectedIngress[] = [];
  let otherClass = 0;
  for (const ingress of ingresses) {
    const ref = qualifiedName(ingress);
    let className: string | undefined;
    let classText: string;
    if (ingress.ingressClassName) {
      className = ingress.ingressClassName;
      classText = `class ${className} from spec.ingressClassName`;
    } else if (ingress.classAnnotation) {
      className = ingress.classAnnotation;
      classText = `class ${className} from the deprecated kubernetes.io/ingress.class annotation`;
    } else if (defaults.length === 1) {
      className = defaults[0]?.meta.name;
      classText = `class ${className} from the default IngressClass (the Ingress names none)`;
    } else if (defaults.length > 1) {
      classText = `no class: the Ingress names none and several IngressClasses are marked default (${defaults.map((c) => c.meta.name).sort().join(', ')})`;
    } else {
      classText = 'no class: the Ingress names none and no IngressClass is the default; whether a controller serves it depends on the controller';
    }
    const ingressClass = className === undefined ? undefined : classes.get(className);
    if (className !== undefined && !ingressClass) {
      reasons.push(`Ingress ${ref} names IngressClass "${className}", which does not exist (${known}); it is skipped`);
      continue;
    }
    if (requested !== undefined && className !== requested) {
      if (className === undefined) reasons.push(`Ingress ${ref} is skipped: ${classText}`);
      else otherClass += 1;
      continue;
    }
    selected.push({ ingress, ...(ingressClass ? { ingressClass } : {}), classText, order: selected.length });
  }
  if (otherClass > 0) reasons.push(`${otherClass} Ingress${otherClass === 1 ? '' : 'es'} of other classes not considered`);
  return selected;
}

// ---------------------------------------------------------------------------------------------------------------
// Routing

/**
 * Routes an HTTP request the way an Ingress controller would: Ingresses of the requested class (any class when
 * none is requested), then the best rule across all of them (precise host over wildcard over no host, then the
 * longest path, then Exact over Prefix, then the oldest Ingress), else a defaultBackend, then the Service port's
 * backends.
 */
export function routeRequest(model: ClusterModel, request: { host: string; path: string; ingressClass?: string }): RouteResult {
  const unknown = unsyncedReason(model, ROUTE_KINDS);
  if (unknown) return { matched: false, steps: [], reasons: [unknown], unknown };

  const steps: RouteStep[] = [];
  const reasons: string[] = [];
  const host = normalizeHost(request.host);
  const path = normalizePath(request.path);
  const requested = request.ingressClass?.trim() || undefined;

  if (requested !== undefined && !model.resources.ingressclasses.some((c) => c.meta.name === requested)) {
    const names = model.resources.ingressclasses.map((c) => c.meta.name).sort();
    const near = nearest(names, [requested], 1);
    reasons.push(
      `no IngressClass "${requested}"; ${names.length > 0 ? `IngressClasses: ${names.join(', ')}${near[0] ? ` (nearest: ${near[0]})` : ''}` : 'there are no IngressClasses'}`,
    );
    return { matched: false, steps, reasons };
  }
  steps.push({
    kind: 'ingressclass',
    text: requested ? `considering Ingresses of class ${requested}` : 'no class requested: considering Ingresses of every class',
  });

  const skipped: string[] = [];
  const selected = selectIngresses(model, requested, skipped);
  for (const text of skipped) steps.push({ kind: 'ingressclass', text });
  if (selected.length === 0) {
    reasons.push(requested ? `no Ingress of class ${requested}` : 'no Ingress to consider');
    for (const s of skipped) reasons.push(s);
    return { matched: false, steps, reasons };
  }

  const candidates: Candidate[] = [];
  const hostMatched = new Set<SelectedIngress>();
  const pathsOfHost: { sel: SelectedIngress; path: IngressPath; rulePath: string }[] = [];
  for (const sel of selected) {
    sel.ingress.rules.forEach((rule, ruleIndex) => {
      const hostMatch = matchHost(rule.host, host);
      if (!hostMatch) return;
      hostMatched.add(sel);
      rule.paths.forEach((p, pathIndex) => {
        const rulePath = p.path || '/';
        pathsOfHost.push({ sel, path: p, rulePath });
        const length = matchPath(rulePath, p.pathType, path);
        if (length === undefined) return;
        candidates.push({
          sel,
          ...(rule.host ? { host: normalizeHost(rule.host) } : {}),
          hostMatch,
          path: p,
          rulePath,
          length,
          order: ruleIndex * 10_000 + pathIndex,
        });
      });
    });
  }

  candidates.sort(compareCandidates);
  const winner = candidates[0];
  if (winner) {
    const { sel } = winner;
    steps[0] = { kind: 'ingressclass', text: `${steps[0]?.text ?? ''}; Ingress ${qualifiedName(sel.ingress)} has ${sel.classText}` };
    steps.push({ kind: 'ingress', text: `Ingress ${qualifiedName(sel.ingress)} has a rule for this request` });
    steps.push({ kind: 'rule', text: `${winner.hostMatch.text}; ${describePathMatch(winner, path)}` });
    const losers = candidates.slice(1, 6).map((c) => whyWins(winner, c));
    if (candidates.length > 6) losers.push(`and ${candidates.length - 6} more matching rules`);
    if (losers.length > 0) steps.push({ kind: 'rule', text: `this rule ${losers.join('; ')}` });
    const result: RouteResult = {
      matched: false,
      ingress: sel.ingress,
      ...(sel.ingressClass ? { ingressClass: sel.ingressClass } : {}),
      rule: {
        ...(winner.host ? { host: winner.host } : {}),
        ...(winner.path.path ? { path: winner.path.path } : {}),
        pathType: winner.path.pathType,
        isDefaultBackend: false,
      },
      steps,
      reasons,
    };
    return followBackend(model, result, sel.ingress, winner.path.backend);
  }

  // No rule path matched: a defaultBackend takes the request, preferably of an Ingress with a rule for this host.
  const withDefault = [
    ...selected.filter((s) => hostMatched.has(s) && s.ingress.defaultBackend),
    ...selected.filter((s) => !hostMatched.has(s) && s.ingress.defaultBackend),
  ];
  const fallback = withDefault[0];
  if (fallback?.ingress.defaultBackend) {
    const ref = qualifiedName(fallback.ingress);
    steps[0] = { kind: 'ingressclass', text: `${steps[0]?.text ?? ''}; Ingress ${ref} has ${fallback.classText}` };
    const why = hostMatched.has(fallback)
      ? `it has a rule for host ${host} but no path of it matches ${path}`
      : hostMatched.size > 0
        ? `no path matches ${path}, and no Ingress with a rule for this host has a defaultBackend`
        : `no rule matches host ${host}`;
    const others = withDefault.slice(1).map((s) => qualifiedName(s.ingress));
    steps.push({
      kind: 'ingress',
      text: `Ingress ${ref}'s defaultBackend takes the request: ${why}${others.length > 0 ? ` (it wins over the defaultBackend of ${others.join(', ')}${hostMatched.has(fallback) ? '' : ' by age'})` : ''}`,
    });
    steps.push({ kind: 'rule', text: `defaultBackend of ${ref}` });
    const result: RouteResult = {
      matched: false,
      ingress: fallback.ingress,
      ...(fallback.ingressClass ? { ingressClass: fallback.ingressClass } : {}),
      rule: { isDefaultBackend: true },
      steps,
      reasons,
    };
    return followBackend(model, result, fallback.ingress, fallback.ingress.defaultBackend);
  }

  if (hostMatched.size === 0) {
    const hosts = [...new Set(selected.flatMap((s) => s.ingress.rules.map((r) => (r.host ? normalizeHost(r.host) : undefined))))].filter(
      (h): h is string => h !== undefined,
    );
    const ordered = nearest(hosts, [host], hosts.length);
    reasons.push(`no rule for host ${host}; ${ordered.length > 0 ? `hosts with rules: ${ordered.join(', ')}` : 'no rule names a host'}`);
  } else {
    const listed = pathsOfHost.map((p) => `${p.rulePath} (${p.path.pathType}, ${qualifiedName(p.sel.ingress)})`);
    reasons.push(
      listed.length > 0
        ? `no path for host ${host} matches ${path}; paths for this host: ${listed.join(', ')}`
        : `the rules for host ${host} have no paths`,
    );
    for (const p of pathsOfHost) {
      const hint = nearMiss(p.rulePath, p.path.pathType, path);
      if (hint) reasons.push(hint);
    }
  }
  reasons.push('no considered Ingress has a defaultBackend');
  for (const s of skipped) reasons.push(s);
  return { matched: false, steps, reasons };
}

function followBackend(model: ClusterModel, result: RouteResult, ingress: Ingress, backend: IngressBackend): RouteResult {
  const { steps, reasons } = result;
  const namespace = ingress.meta.namespace ?? '';
  if (backend.resource) {
    const r = backend.resource;
    steps.push({
      kind: 'backend',
      text: `resource backend ${r.kind} ${namespace}/${r.name}${r.apiGroup ? ` (${r.apiGroup})` : ''}: not a Service, so kube-netmap does not follow it`,
    });
    return { ...result, matched: true };
  }
  if (!backend.service) {
    reasons.push(`the backend of Ingress ${qualifiedName(ingress)} names neither a Service nor a resource`);
    return result;
  }
  const { name, port } = backend.service;
  const service = findService(model, namespace, name);
  if (!service) {
    const near = nearest(
      model.resources.services.filter((s) => (s.meta.namespace ?? '') === namespace).map((s) => s.meta.name),
      [name],
      1,
    );
    reasons.push(
      `Service ${namespace}/${name} does not exist, so the controller answers 503${near[0] ? `; nearest Service in ${namespace}: ${near[0]}` : ''}`,
    );
    steps.push({ kind: 'service', text: `Service ${namespace}/${name}: not found` });
    return result;
  }
  const withService: RouteResult = { ...result, service };
  if (service.type === 'ExternalName') {
    steps.push({
      kind: 'service',
      text: `Service ${qualifiedName(service)} is ExternalName → ${service.externalName ?? '(none)'}: controllers that support it proxy to that DNS name; not followed further`,
    });
    return { ...withService, matched: true };
  }
  const wanted = port.number ?? port.name;
  if (wanted === undefined) {
    reasons.push(`the backend of Ingress ${qualifiedName(ingress)} names Service ${qualifiedName(service)} without a port`);
    return withService;
  }
  const resolution = resolveServicePort(model, service, wanted, 'TCP');
  if ('error' in resolution) {
    reasons.push(resolution.error);
    steps.push({ kind: 'service', text: `Service ${qualifiedName(service)} port ${wanted}: ${resolution.error}` });
    return withService;
  }
  steps.push({
    kind: 'service',
    text: `Service ${qualifiedName(service)} port ${describeServicePort(resolution.servicePort)} (backends from ${resolution.source === 'endpointslices' ? 'EndpointSlices' : 'the pods its selector matches'})`,
  });
  for (const b of resolution.backends.slice(0, MAX_BACKEND_STEPS)) {
    const who = `${b.address || '(no IP)'}${b.pod ? ` (pod ${qualifiedName(b.pod)})` : ''}`;
    const state = b.ready ? 'ready' : b.terminating ? 'terminating' : `not ready${b.pod?.notReadyReason ? ` (${b.pod.notReadyReason})` : ''}`;
    steps.push({ kind: 'backend', text: b.problem ? `${who}: ${b.problem}` : `${who} port ${b.targetPort ?? '?'}: ${state}` });
  }
  if (resolution.backends.length > MAX_BACKEND_STEPS) {
    steps.push({ kind: 'backend', text: `and ${resolution.backends.length - MAX_BACKEND_STEPS} more backends` });
  }
  if (!resolution.backends.some((b) => b.ready && !b.problem)) {
    reasons.push(`Service ${qualifiedName(service)} has no ready backend on port ${describeServicePort(resolution.servicePort)}, so the controller answers 503`);
  }
  return { ...withService, resolution, matched: true };
}
