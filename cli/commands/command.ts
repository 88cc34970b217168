import type { ParseArgsConfig } from 'node:util';
import type { ClusterModel } from '@/lib/model';
import type { ModelOrigin } from '@/lib/model/origin';
import type { LoadLog, SourceOptions } from '../load-model';

/** One CLI command: how to read its arguments, which analysis answers it, and how to print the answer. */
export interface Command<Request = unknown, Result = unknown, Input = ClusterModel> {
  summary: string;
  usage: string[];
  options: ParseArgsConfig['options'];
  parse(values: Record<string, unknown>, positionals: string[]): Request;
  /**
   * What the command answers from, for a command that reads more than the one model of --manifests or
   * --kubeconfig/--context (diff reads two); `source` holds those shared options as given.
   */
  load?(request: Request, source: SourceOptions, log: LoadLog): Promise<Input>;
  /** `source` says where the model came from: some checks mean something else for manifests than for a cluster. */
  run(input: Input, request: Request, source: ModelOrigin): Result;
  format(result: Result, request: Request): string;
  /** 0 unless the command turns its answer into a failure (diagnose --fail-on, diff --fail-on). */
  exitCode?(result: Result, request: Request): number;
}

export function defineCommand<Request, Result, Input = ClusterModel>(command: Command<Request, Result, Input>): Command {
  return command as unknown as Command;
}
