/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Node-only libraries the server loads as they are instead of bundling them.
  serverExternalPackages: ["kafkajs", "pino", "pg", "prom-client", "@prisma/adapter-pg", "@prisma/client"],
};

export default nextConfig;
