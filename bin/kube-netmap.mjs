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
const { tsImport } = await import('tsx/esm/api');
const { main } = await tsImport('../cli/main.ts', { parentURL: import.meta.url, tsconfig: path.join(root, 'tsconfig.json') });
process.exitCode = await main(process.argv.slice(2));
