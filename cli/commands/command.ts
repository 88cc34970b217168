import type { ParseArgsConfig } from 'node:util';
import type { ClusterModel } from '@/lib/model';

/** One CLI command: how to read its arguments, which analysis answers it, and how to print the answer. */
export interface Command<Request = unknown, Result = unknown> {
  summary: string;
  usage: string[];
  options: ParseArgsConfig['options'];
  parse(values: Record<string, unknown>, positionals: string[]): Request;
  run(model: ClusterModel, request: Request): Result;
  format(result: Result): string;
}

export function defineCommand<Request, Result>(command: Command<Request, Result>): Command {
  return command as Command;
}
