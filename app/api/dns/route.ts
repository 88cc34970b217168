import { resolveDns } from '@/lib/analysis/dns/resolve-dns';
import { analysisRoute } from '@/lib/api/analysis-route';
import { dnsParams } from '@/lib/api/params';

export const dynamic = 'force-dynamic';

export const GET = analysisRoute(dnsParams, (model, { name, namespace }) => resolveDns(model, name, namespace));
