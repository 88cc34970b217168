import { UsageError } from '../errors';

export type OutputFormat = 'text' | 'md' | 'csv' | 'dot' | 'json';

/** The option commands with several formats take; `--json` stays the shorthand for `--output json`. */
export const OUTPUT_OPTION = { output: { type: 'string', short: 'o' } } as const;

/** The format `--output` (or `--json`) asks for, checked against the command's; text when neither is given. */
export function parseOutput(values: Record<string, unknown>, formats: readonly OutputFormat[]): OutputFormat {
  const output = values.output;
  if (output === undefined) return values.json ? 'json' : 'text';
  if (typeof output !== 'string' || !(formats as readonly string[]).includes(output)) {
    throw new UsageError(`--output must be ${formats.slice(0, -1).join(', ')} or ${formats.at(-1)}, not "${String(output)}"`);
  }
  if (values.json && output !== 'json') throw new UsageError(`--json asks for JSON and --output for ${output}: give one`);
  return output as OutputFormat;
}
