import { explainFlow } from '@/lib/analysis/flow/explain-flow';
import { analysisRoute } from '@/lib/api/analysis-route';
import { explainParams } from '@/lib/api/params';

export const dynamic = 'force-dynamic';

export const GET = analysisRoute(explainParams, (model, { from, to, port, protocol }) => explainFlow(model, { from, to, port, protocol }));
