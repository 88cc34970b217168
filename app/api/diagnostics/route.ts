import { diagnose, filterReport } from '@/lib/analysis/diagnose';
import { analysisRoute } from '@/lib/api/analysis-route';
import { diagnosticsParams } from '@/lib/api/params';

export const dynamic = 'force-dynamic';

export const GET = analysisRoute(diagnosticsParams, (model, { namespace, severity }, source) =>
  filterReport(diagnose(model, { source: source.kind === 'demo' ? 'manifests' : 'live' }), { namespace, severity }),
);
