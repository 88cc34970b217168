import type { Protocol } from '@/lib/model';
import { parsePortText } from '@/lib/validation/names';
import { UsageError } from './errors';

// The CLI checks what it is given with the validators the HTTP API uses (lib/validation), so both accept the same.

export function parsePort(text: unknown): number {
  if (text === undefined) throw new UsageError('--port is required');
  const parsed = parsePortText(String(text));
  if ('problem' in parsed) throw new UsageError(`--port ${parsed.problem}`);
  return parsed.port;
}

export function parseProtocol(text: unknown): Protocol {
  const value = String(text ?? 'TCP').toUpperCase();
  if (value !== 'TCP' && value !== 'UDP' && value !== 'SCTP') throw new UsageError(`--protocol must be TCP, UDP or SCTP, not "${String(text)}"`);
  return value;
}

export function requireOption(values: Record<string, unknown>, name: string, hint: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required (${hint})`);
  return value;
}

/** `value` when `check` finds nothing wrong with it; else a UsageError that starts with `what` ("--namespace"). */
export function checkArgument(what: string, value: string, check: (value: string) => string[]): string {
  const problems = check(value);
  if (problems.length > 0) throw new UsageError(`${what} ${problems.join('; ')}`);
  return value;
}
