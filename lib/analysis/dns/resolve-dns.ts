// What a pod's resolver gets for a name, per the Kubernetes DNS-Based Service Discovery spec as CoreDNS serves it,
// and the resolv.conf the kubelet writes for a ClusterFirst pod (search <ns>.svc.<domain> svc.<domain> <domain>,
// options ndots:5).

import type { ClusterModel, Pod, ResourceKind, Service } from '@/lib/model';
import { serviceEndpoints } from '@/lib/analysis/services/service-backends';
import { unsyncedReason } from '@/lib/analysis/sync-state';
import { qualifiedName } from '@/lib/model/names';
import { editDistance, nearest } from './names';

export interface DnsAnswer {
  /** The FQDN that answered (for NXDOMAIN, the name asked). */
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'NXDOMAIN';
  /** IPs of the answer's family, or the CNAME target. */
  records: string[];
  kind?: 'service-clusterip' | 'service-headless' | 'service-externalname' | 'pod-hostname' | 'pod-ip';
  service?: Service;
  pods?: Pod[];
  /** Search-path candidates in the order tried, up to the one that answered. */
  tried: string[];
  reasons: string[];
  /** Set when the data the answer needs is not synced (or lies outside the cluster): then type carries no meaning. */
  unknown?: string;
}

export const NDOTS = 5;

type Found = Omit<DnsAnswer, 'tried' | 'name'>;

type Lookup =
  | { status: 'found'; answer: Found }
  /** The name does not exist; `hints` explain near misses worth telling. */
  | { status: 'nx'; hints: string[] }
  | { status: 'unknown'; reason: string }
  /** The name lies outside the cluster domain: CoreDNS forwards it upstream. */
  | { status: 'outside' };

const isV6 = (ip: string) => ip.includes(':');

/** The dashed form CoreDNS uses for an IP in a name: dots (IPv4) or colons (IPv6) become dashes. */
export const dashedIP = (ip: string) => ip.replace(/[.:]/g, '-');

function parseDashedIP(label: string): string | undefined {
  const v4 = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})$/.exec(label);
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255) ? v4.slice(1).map(Number).join('.') : undefined;
  if (/^[0-9a-f-]+$/.test(label) && label.includes('-') && /[0-9a-f]/.test(label)) {
    const ip = label.replace(/-/g, ':');
    const groups = ip.split(':');
    return groups.length >= 3 && groups.length <= 8 ? ip : undefined;
  }
  return undefined;
}

/** Records of one family, as an A or AAAA answer: the primary (first) family of the addresses wins. */
function addressAnswer(addresses: string[]): { type: 'A' | 'AAAA'; records: string[]; other: string[] } {
  const v6First = addresses.length > 0 && isV6(addresses[0] ?? '');
  const records = addresses.filter((a) => isV6(a) === v6First);
  const other = addresses.filter((a) => isV6(a) !== v6First);
  return { type: v6First ? 'AAAA' : 'A', records, other };
}

const isHeadless = (s: Service) => s.clusterIP === 'None';

class Resolver {
  private readonly services: Map<string, Service>;

  constructor(
    private readonly model: ClusterModel,
    private readonly domain: string,
  ) {
    this.services = new Map(model.resources.services.map((s) => [`${(s.meta.namespace ?? '').toLowerCase()}/${s.meta.name.toLowerCase()}`, s]));
  }

  private needs(kinds: ResourceKind[]): string | undefined {
    return unsyncedReason(this.model, kinds);
  }

  lookup(fqdn: string): Lookup {
    const suffix = `.${this.domain}`;
    if (fqdn !== this.domain && !fqdn.endsWith(suffix)) return { status: 'outside' };
    const labels = fqdn === this.domain ? [] : fqdn.slice(0, -suffix.length).split('.');
    if (labels.length === 3 && labels[2] === 'svc') return this.service(labels[0] ?? '', labels[1] ?? '');
    if (labels.length === 4 && labels[3] === 'svc') return this.endpointHost(labels[0] ?? '', labels[1] ?? '', labels[2] ?? '');
    if (labels.length === 3 && labels[2] === 'pod') return this.podIP(labels[0] ?? '', labels[1] ?? '');
    return { status: 'nx', hints: [] };
  }

  private service(name: string, namespace: string): Lookup {
    const service = this.services.get(`${namespace}/${name}`);
    if (!service) return { status: 'nx', hints: [] };
    const ref = qualifiedName(service);
    if (service.type === 'ExternalName') {
      const target = (service.externalName ?? '').toLowerCase();
      return {
        status: 'found',
        answer: {
          type: 'CNAME',
          records: target ? [target] : [],
          kind: 'service-externalname',
          service,
          reasons: [`Service ${ref} is ExternalName: a CNAME to ${target || '(no externalName)'}, which the client then resolves itself`],
        },
      };
    }
    if (isHeadless(service)) {
      const unknown = this.needs(['endpointslices', 'pods']);
      if (unknown) return { status: 'unknown', reason: unknown };
      const { endpoints, source, notes } = serviceEndpoints(this.model, service);
      const published = endpoints.filter((e) => e.address && (e.ready || service.publishNotReadyAddresses));
      const { type, records, other } = addressAnswer([...new Set(published.map((e) => e.address))]);
      const reasons = [
        `Service ${ref} is headless: one record per ${service.publishNotReadyAddresses ? 'endpoint (publishNotReadyAddresses publishes not-ready ones too)' : 'ready endpoint'}; ${published.length} of ${endpoints.length} published`,
        ...(source === 'selector' ? notes.slice(0, 1) : []),
      ];
      if (other.length > 0) reasons.push(`it also has ${type === 'A' ? 'AAAA' : 'A'} records: ${other.join(', ')}`);
      if (records.length === 0) reasons.push('no address is published: the name exists but has no records');
      const pods = published.map((e) => e.pod).filter((p): p is Pod => !!p);
      return { status: 'found', answer: { type, records, kind: 'service-headless', service, pods: [...new Set(pods)], reasons } };
    }
    const { type, records, other } = addressAnswer(service.clusterIPs);
    const reasons = [`Service ${ref} has cluster IP ${service.clusterIPs.join(', ') || '(none)'}; kube-proxy spreads connections over its endpoints`];
    if (other.length > 0) reasons.push(`dual-stack: it also has ${type === 'A' ? 'AAAA' : 'A'} records: ${other.join(', ')}`);
    if (records.length === 0) reasons.push('the Service has no cluster IP yet (not allocated, as in manifests): the API server assigns one on creation');
    return { status: 'found', answer: { type, records, kind: 'service-clusterip', service, reasons } };
  }

  /** `<hostname>.<service>.<ns>.svc`: a pod of a headless Service, by endpoint hostname or by dashed IP. */
  private endpointHost(host: string, name: string, namespace: string): Lookup {
    const service = this.services.get(`${namespace}/${name}`);
    if (!service) return { status: 'nx', hints: [] };
    const ref = qualifiedName(service);
    if (!isHeadless(service)) {
      return { status: 'nx', hints: [`${host}.${name}.${namespace}.svc.${this.domain}: per-pod names exist only under headless Services, and ${ref} has a cluster IP`] };
    }
    const unknown = this.needs(['endpointslices', 'pods']);
    if (unknown) return { status: 'unknown', reason: unknown };
    const { endpoints } = serviceEndpoints(this.model, service);
    const matching = endpoints.filter((e) => e.address && (e.hostname ? e.hostname.toLowerCase() === host : dashedIP(e.address) === host));
    const published = matching.filter((e) => e.ready || service.publishNotReadyAddresses);
    if (published.length === 0) {
      const hints = matching.length > 0 ? [`${host}.${name}.${namespace}.svc.${this.domain} belongs to an endpoint of ${ref} that is not ready, so it is not published`] : [];
      if (matching.length === 0) {
        const pod = this.model.resources.pods.find(
          (p) => (p.meta.namespace ?? '') === namespace && p.hostname?.toLowerCase() === host && p.subdomain?.toLowerCase() === name,
        );
        if (pod) hints.push(`pod ${qualifiedName(pod)} has hostname ${pod.hostname} and subdomain ${pod.subdomain} but is not an endpoint of ${ref} (does its selector match the pod?)`);
      }
      return { status: 'nx', hints };
    }
    const { type, records } = addressAnswer([...new Set(published.map((e) => e.address))]);
    const pods = [...new Set(published.map((e) => e.pod).filter((p): p is Pod => !!p))];
    const byHostname = published.some((e) => e.hostname);
    return {
      status: 'found',
      answer: {
        type,
        records,
        kind: 'pod-hostname',
        service,
        pods,
        reasons: [
          byHostname
            ? `endpoint hostname ${host} of headless Service ${ref} (a pod with spec.hostname ${host} and spec.subdomain ${name})`
            : `endpoint ${records.join(', ')} of headless Service ${ref}, named by its dashed IP (it has no hostname)`,
        ],
      },
    };
  }

  /** `a-b-c-d.<ns>.pod`: answered only if a pod in the namespace has that IP (CoreDNS `pods verified`). */
  private podIP(label: string, namespace: string): Lookup {
    const ip = parseDashedIP(label);
    if (!ip) return { status: 'nx', hints: [`${label} is not an IP in dashed form (a-b-c-d)`] };
    const unknown = this.needs(['pods']);
    if (unknown) return { status: 'unknown', reason: unknown };
    const pods = this.model.resources.pods.filter(
      (p) => (p.meta.namespace ?? '').toLowerCase() === namespace && p.podIPs.some((a) => a.toLowerCase() === ip),
    );
    if (pods.length === 0) {
      return {
        status: 'nx',
        hints: [`no pod in namespace ${namespace} has IP ${ip}: NXDOMAIN assuming CoreDNS \`pods verified\`; with \`pods insecure\` it would still answer ${ip}`],
      };
    }
    return {
      status: 'found',
      answer: {
        type: isV6(ip) ? 'AAAA' : 'A',
        records: [ip],
        kind: 'pod-ip',
        pods,
        reasons: [
          `pod ${pods.map(qualifiedName).join(', ')} has IP ${ip}`,
          'pod records assume CoreDNS `pods verified` (answer only for an existing pod); with `pods insecure` any a-b-c-d name answers without a check, with `pods disabled` none does',
        ],
      },
    };
  }

  /** Every name the cluster zone answers for Services and their pods' hostnames, for "did you mean". */
  knownNames(): string[] {
    const names: string[] = [];
    for (const s of this.model.resources.services) {
      const base = `${s.meta.name}.${s.meta.namespace ?? ''}.svc.${this.domain}`.toLowerCase();
      names.push(base);
      if (isHeadless(s)) {
        for (const p of this.model.resources.pods) {
          if (p.meta.namespace === s.meta.namespace && p.hostname && p.subdomain === s.meta.name) names.push(`${p.hostname}.${base}`.toLowerCase());
        }
      }
    }
    return names;
  }

  /**
   * Whether a name outside the zone looks like a mistyped in-cluster name rather than an external one: a single
   * label, or one whose last label is (or is one edit from) a namespace, a Service name, svc, pod or a label of the
   * cluster domain. Such a name is assumed not to exist upstream either; any other is left to the upstream resolvers.
   */
  looksInCluster(query: string): boolean {
    const labels = query.split('.');
    const last = labels[labels.length - 1] ?? '';
    if (labels.length === 1) return true;
    const known = new Set(['svc', 'pod', ...this.domain.split('.')]);
    for (const o of [...this.model.resources.namespaces, ...this.model.resources.services, ...this.model.resources.pods]) {
      known.add((o.meta.namespace ?? o.meta.name).toLowerCase());
    }
    for (const s of this.model.resources.services) known.add(s.meta.name.toLowerCase());
    if (known.has(last)) return true;
    return last.length >= 4 && [...known].some((k) => editDistance(k, last) <= 1);
  }

  otherNamespaces(name: string, namespace: string): Service[] {
    return this.model.resources.services.filter((s) => s.meta.name.toLowerCase() === name && (s.meta.namespace ?? '').toLowerCase() !== namespace);
  }
}

const trimDots = (s: string) => s.replace(/^\.+|\.+$/g, '');

/**
 * Resolves a name from a pod in `fromNamespace`. A name with a trailing dot is absolute; otherwise one with fewer
 * than ndots (5) dots is tried with each search suffix first and then as is, and one with more is tried as is
 * first. The first candidate that exists answers.
 */
export function resolveDns(model: ClusterModel, name: string, fromNamespace: string, clusterDomain = 'cluster.local'): DnsAnswer {
  const domain = trimDots(clusterDomain.trim().toLowerCase());
  const namespace = fromNamespace.trim().toLowerCase();
  const raw = name.trim().toLowerCase();
  const absolute = raw.endsWith('.');
  const query = trimDots(raw);
  if (!query) return { name: raw, type: 'NXDOMAIN', records: [], tried: [], reasons: ['the name is empty'] };

  const search = [`${namespace}.svc.${domain}`, `svc.${domain}`, domain];
  const dots = query.split('.').length - 1;
  const searched = search.map((s) => `${query}.${s}`);
  const candidates = absolute ? [query] : dots >= NDOTS ? [query, ...searched] : [...searched, query];
  const order = absolute
    ? `${query}. is absolute (trailing dot): no search path`
    : dots >= NDOTS
      ? `${query} has ${dots} dots (ndots:${NDOTS}): tried as is first, then with the search path`
      : `${query} has ${dots} dot${dots === 1 ? '' : 's'}, fewer than ndots:${NDOTS}: the search path (${search.join(', ')}) is tried first, then the name as is`;

  const unknownServices = unsyncedReason(model, ['services']);
  if (unknownServices) {
    return { name: query, type: 'NXDOMAIN', records: [], tried: [], reasons: [unknownServices], unknown: unknownServices };
  }

  const resolver = new Resolver(model, domain);
  const tried: string[] = [];
  const hints: string[] = [];
  for (const fqdn of candidates) {
    tried.push(fqdn);
    const result = resolver.lookup(fqdn);
    if (result.status === 'found') {
      const via = fqdn === query ? 'the name as is' : `search suffix ${fqdn.slice(query.length + 1)}`;
      return { name: fqdn, ...result.answer, tried, reasons: [`${order}; answered by ${via}`, ...result.answer.reasons] };
    }
    if (result.status === 'outside') {
      if (resolver.looksInCluster(query)) {
        hints.push(`${fqdn} is outside ${domain}, so CoreDNS forwards it upstream; as an in-cluster-looking name it is assumed not to exist there`);
        continue;
      }
      const reason = `${fqdn} is outside the cluster domain ${domain}: CoreDNS forwards it to the upstream resolvers, which kube-netmap cannot see`;
      return { name: fqdn, type: 'NXDOMAIN', records: [], tried, reasons: [order, ...hints, reason], unknown: reason };
    }
    if (result.status === 'unknown') {
      return { name: fqdn, type: 'NXDOMAIN', records: [], tried, reasons: [order, ...hints, result.reason], unknown: result.reason };
    }
    for (const hint of result.hints) hints.push(hint);
  }

  const reasons = [order, `none of ${tried.join(', ')} exists`, ...hints];
  const first = query.split('.');
  if (first.length <= 2) {
    const inNamespace = first.length === 2 ? first[1] : namespace;
    for (const s of resolver.otherNamespaces(first[0] ?? '', inNamespace ?? namespace)) {
      reasons.push(`a Service ${s.meta.name} exists in namespace ${s.meta.namespace}: ${s.meta.name}.${s.meta.namespace}.svc.${domain}`);
    }
  }
  const known = resolver.knownNames();
  const inZone = tried.filter((t) => t === domain || t.endsWith(`.${domain}`));
  const best = nearest(known, inZone.length > 0 ? inZone : tried, 1)[0];
  if (best) {
    reasons.push(`nearest existing name: ${best}`);
  } else {
    reasons.push('no Service names exist in the cluster zone');
  }
  return { name: query, type: 'NXDOMAIN', records: [], tried, reasons };
}
