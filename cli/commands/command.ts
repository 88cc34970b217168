import type { ParseArgsConfig } from 'node:util';
import type { ClusterModel } from '@/lib/model';
import type { ModelOrigin } from '@/lib/model/origin';

/** One CLI command: how to read its arguments, which analysis answers it, and how to print the answer. */
export interface Command<Request = unknown, Result = unknown> {
  summary: string;
  usage: string[];
  options: ParseArgsConfig['options'];
  parse(values: Record<string, unknown>, positionals: string[]): Request;
  /** `source` says where the model came from: some checks mean something else for manifests than for a cluster. */
  run(model: ClusterModel, request: Request, source: ModelOrigin): Result;
  format(result: Result): string;
  /** 0 unless the command turns its answer into a failure (diagnose --fail-on). */
  exitCode?(result: Result): number;
}

export function defineCommand<Request, Result>(command: Command<Request, Result>): Command {
  return command as Command;
}
