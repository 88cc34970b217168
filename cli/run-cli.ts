import { main } from './main';

/** Runs the CLI in-process, as the tests call it: the exit code and what it printed on each stream. */
export async function runCli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
