/** @type {import('next').NextConfig} */
const nextConfig = {
  // client-node relies on Node APIs (undici, fs, net) and must never be bundled, only required at run time.
  serverExternalPackages: ['@kubernetes/client-node'],
  // .next/standalone: the server's traced files and production dependencies only, which the container image holds.
  // The image runs server.ts there (scripts/assemble-standalone.mjs copies it in), not the server.js Next.js
  // writes, because only server.ts puts the request guard in front of Next.js.
  output: 'standalone',
  // The repository itself, not a folder above it that happens to hold another lockfile.
  outputFileTracingRoot: __dirname,
  experimental: {
    // Next.js's cache of rendered routes (the icon, say) stays in memory: the image's root filesystem is read-only.
    isrFlushToDisk: false,
  },
  reactStrictMode: true,
  poweredByHeader: false,
};

module.exports = nextConfig;
