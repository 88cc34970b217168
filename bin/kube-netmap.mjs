#!/usr/bin/env node
// The kube-netmap CLI. The engine is TypeScript; tsx runs it with the project's tsconfig (for the @/ paths).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(`kube-netmap needs Node.js 22.19 or newer (this is ${process.versions.node}). Run: source scripts/ensure-node.sh`);
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// tsx compiles the CLI's TypeScript on the fly. It is registered for the whole process, for ES modules and
// CommonJS alike, and pointed at the project's tsconfig (for the @/ paths) whatever the working directory.
process.env.TSX_TSCONFIG_PATH = path.join(root, 'tsconfig.json');
const { register: registerEsm } = await import('tsx/esm/api');
const { register: registerCjs } = await import('tsx/cjs/api');
registerEsm();
registerCjs();
// A reader that stops early (`kube-netmap connectivity | head`) closes the pipe: that ends the output, not in a
// crash. The exit code stays the command's.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit();
  throw error;
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
