import type { Protocol } from '@/lib/model';
import { UsageError } from './errors';

export function parsePort(text: unknown): number {
  if (text === undefined) throw new UsageError('--port is required');
  const port = Number(text);
  if (typeof text !== 'string' || !/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a number from 1 to 65535, not "${String(text)}"`);
  }
  return port;
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
