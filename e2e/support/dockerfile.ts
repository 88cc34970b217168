import fs from 'node:fs';

/** What a Dockerfile's final stage runs: its working directory, environment, user and entrypoint. */
export interface ImageRuntime {
  /** COPY sources of the final stage from an earlier stage, as [source in that stage, destination]. */
  copiedFromBuild: [string, string][];
  workdir: string;
  env: Record<string, string>;
  user: string;
  entrypoint: string[];
}

/**
 * Reads the final stage of a Dockerfile written as this repository writes it: one instruction per line, `ENV
 * NAME=value`, ENTRYPOINT in its JSON form. Anything else it cannot read is an error, so a Dockerfile the test would
 * misread fails the test rather than passing it.
 */
export function readImageRuntime(file: string): ImageRuntime {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const stages = lines.map((l, i) => (/^FROM\s/i.test(l) ? i : -1)).filter((i) => i >= 0);
  const last = stages.at(-1);
  if (last === undefined) throw new Error(`${file} has no FROM`);
  const runtime: ImageRuntime = { copiedFromBuild: [], workdir: '/', env: {}, user: 'root', entrypoint: [] };
  for (const line of lines.slice(last + 1)) {
    const [, instruction, rest] = /^(\w+)\s+(.*)$/.exec(line.trim()) ?? [];
    if (!instruction || line.trim().startsWith('#')) continue;
    switch (instruction.toUpperCase()) {
      case 'WORKDIR':
        runtime.workdir = rest!;
        break;
      case 'ENV': {
        const [, name, value] = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)$/.exec(rest!) ?? [];
        if (!name) throw new Error(`${file}: cannot read "${line}" (write ENV NAME=value, one per line)`);
        runtime.env[name] = value!;
        break;
      }
      case 'USER':
        runtime.user = rest!;
        break;
      case 'COPY': {
        const [, source, destination] = /^--from=\S+\s+(\S+)\s+(\S+)$/.exec(rest!) ?? [];
        if (source && destination) runtime.copiedFromBuild.push([source, destination]);
        break;
      }
      case 'ENTRYPOINT':
        runtime.entrypoint = JSON.parse(rest!) as string[];
        break;
      case 'CMD':
        throw new Error(`${file}: the final stage's CMD is not read here; put the whole command in ENTRYPOINT`);
    }
  }
  return runtime;
}
