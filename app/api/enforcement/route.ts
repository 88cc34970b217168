import { detectEnforcement } from '@/lib/analysis/enforcement';
import { analysisRoute } from '@/lib/api/analysis-route';
import { enforcementParams } from '@/lib/api/params';

export const dynamic = 'force-dynamic';

export const GET = analysisRoute(enforcementParams, (model) => detectEnforcement(model));
