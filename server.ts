// The dashboard's HTTP server: Next.js behind a guard that runs before any of it. The guard must come first
// because Next.js itself fails with a 500 on methods such as TRACE before its proxy sees the request.
// Run by Node directly (type stripping), so it imports with .ts extensions and no path aliases.
//   node server.ts [--dev] --hostname 127.0.0.1 --port 3000
// The same file runs in the repository (`npm start`) and in the container image, from the standalone build
// (scripts/assemble-standalone.mjs copies it there, with what it imports).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import next from 'next';
import { authSettingsFromEnv } from './lib/api/auth-mode.ts';
import { guardRequest, guardSettingsFromEnv, responseKindOf, securityHeaders } from './lib/api/request-guard.ts';

const { values } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    hostname: { type: 'string', default: process.env.HOST || '127.0.0.1' },
    port: { type: 'string', default: process.env.PORT || '3000' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"`);
// Read once here, so that a bad setting stops the server at start rather than failing requests.
const settings = guardSettingsFromEnv({ ...process.env, HOST: values.hostname }, authSettingsFromEnv(process.env).mode);
if (!values.dev) loadBuiltConfig(import.meta.dirname);
const app = next({ dev: values.dev, hostname: values.hostname, port, dir: import.meta.dirname });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://placeholder');
  const verdict = guardRequest(
    {
      remoteAddress: request.socket.remoteAddress ?? '',
      method: request.method ?? '',
      pathname: url.pathname,
      headers: { get: (name) => headerOf(request, name) },
    },
    settings,
  );
  if (verdict.ok) return void handle(request, response);
  const headers: Record<string, string> = { ...securityHeaders(responseKindOf(url.pathname), '', false), 'Cache-Control': 'no-store' };
  if (verdict.status === 405) headers.Allow = 'GET, HEAD';
  if (verdict.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="kube-netmap"';
  response.writeHead(verdict.status, { ...headers, 'Content-Type': 'application/json' });
  response.end(JSON.stringify({ error: verdict.message }));
});
server.listen(port, values.hostname, () => {
  console.log(`kube-netmap on http://${values.hostname.includes(':') ? `[${values.hostname}]` : values.hostname}:${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)).closeAllConnections());

/**
 * A production server runs with the configuration the build used, as Next.js's own standalone server does: the
 * standalone folder has no next.config.js, and reading the serialised one everywhere keeps the repository's server
 * and the image's alike (and stops Next.js warning that `next start` does not suit output: 'standalone').
 */
function loadBuiltConfig(dir: string) {
  const file = path.join(dir, '.next', 'required-server-files.json');
  if (!fs.existsSync(file)) throw new Error(`No production build in ${dir}: run \`npm run build\` first`);
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify((JSON.parse(fs.readFileSync(file, 'utf8')) as { config: unknown }).config);
}

function headerOf(request: http.IncomingMessage, name: string): string | null {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}
