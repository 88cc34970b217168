import { afterEach, describe, expect, it, vi } from 'vitest';

// A bug anywhere below the CLI: loading the model throws something no command expects.
vi.mock('./load-model', () => ({
  loadModel: async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'meta')");
  },
}));

const { main } = await import('./main');

async function run(...argv: string[]) {
  const err: string[] = [];
  const code = await main(argv, { out: () => {}, err: (t) => err.push(t) });
  return { code, err };
}

describe('kube-netmap CLI: an internal error', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is one line saying it is a bug, exit 3 (never 1, which CI reads as "found something"), and no stack', async () => {
    vi.stubEnv('KUBE_NETMAP_DEBUG', '');
    const { code, err } = await run('diagnose', '--manifests', 'examples/demo');
    expect(code).toBe(3);
    expect(err).toEqual([
      "kube-netmap diagnose: internal error: Cannot read properties of undefined (reading 'meta'). This is a bug in kube-netmap; KUBE_NETMAP_DEBUG=1 prints its stack.",
    ]);
  });

  it('prints the stack with KUBE_NETMAP_DEBUG=1', async () => {
    vi.stubEnv('KUBE_NETMAP_DEBUG', '1');
    const { code, err } = await run('diagnose', '--manifests', 'examples/demo');
    expect(code).toBe(3);
    expect(err[1]).toMatch(/^TypeError: Cannot read properties[\s\S]*at /);
  });
});
