/** @type {import('next').NextConfig} */
const nextConfig = {
  // client-node relies on Node APIs (undici, fs, net) and must never be bundled, only required at run time.
  serverExternalPackages: ['@kubernetes/client-node'],
  reactStrictMode: true,
  poweredByHeader: false,
};

module.exports = nextConfig;
