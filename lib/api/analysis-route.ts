import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import type { ClusterModel } from '@/lib/model';
import type { ModelOrigin } from '@/lib/model/origin';
import { FlowInputError } from '@/lib/analysis/errors';
import { TraceTargetError } from '@/lib/analysis/errors';
import { parseQuery } from './params';
import { currentModel, originOf, resolveModelSource } from './resolve-context';
import { json, jsonError } from './responses';

/**
 * The shape every analysis endpoint shares: validate the query, find the context's model, run one pure analysis
 * function on it. Input the analysis rejects (an unknown pod, say) is a 400 with its message, never a stack trace.
 */
export function analysisRoute<T extends z.ZodType<{ context?: string | undefined }>>(
  schema: T,
  analyse: (model: ClusterModel, params: z.infer<T>, origin: ModelOrigin) => unknown,
) {
  return async function GET(request: NextRequest): Promise<Response> {
    const params = parseQuery(schema, request.nextUrl);
    if (!params.ok) return jsonError(400, params.message);
    const source = await resolveModelSource(params.value.context, request);
    if (source instanceof Response) return source;
    try {
      return json(analyse(currentModel(source), params.value, originOf(source)));
    } catch (error) {
      if (error instanceof FlowInputError || error instanceof TraceTargetError) return jsonError(400, error.message);
      throw error;
    }
  };
}
