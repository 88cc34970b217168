import { diagnose, filterReport } from '@/lib/analysis/diagnose';
import { analysisRoute } from '@/lib/api/analysis-route';
import { diagnosticsParams } from '@/lib/api/params';

export const dynamic = 'force-dynamic';

export const GET = analysisRoute(diagnosticsParams, (model, { namespace, severity }, origin) =>
  filterReport(diagnose(model, { source: origin }), { namespace, severity }),
);
