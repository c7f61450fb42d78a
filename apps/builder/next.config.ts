import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ['@parley/flow', '@parley/api', '@parley/voice', '@parley/ui'],
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
