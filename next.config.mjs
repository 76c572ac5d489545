/** @type {import('next').NextConfig} */
const nextConfig = {
  // Test runs build into their own folder so they never replace the build a running demo serves.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Node-only libraries the server loads as they are instead of bundling them.
  serverExternalPackages: ["kafkajs", "pino", "pg", "prom-client", "@prisma/adapter-pg", "@prisma/client"],
};

export default nextConfig;
