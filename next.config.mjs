/** @type {import('next').NextConfig} */
const nextConfig = {
  // Test runs build into their own folder so they never replace the build a running demo serves.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Node-only libraries the server loads as they are instead of bundling them.
  serverExternalPackages: ["kafkajs", "pino", "pg", "prom-client", "@prisma/adapter-pg", "@prisma/client", "@resvg/resvg-js"],
  // Security headers for every response; the Content-Security-Policy (with its per-request
  // nonce), HSTS (it depends on the runtime APP_URL) and the CSRF check are in proxy.ts.
  // The status board moved under /shops/<slug> with the shop's other pages; old links (printed QR
  // codes on café screens) keep working.
  async redirects() {
    return [{ source: "/shop/:slug/board", destination: "/shops/:slug/board", permanent: true }];
  },
  async headers() {
    return [
      // The service worker is looked up on every visit: never serve a stale copy of it.
      { source: "/sw.js", headers: [{ key: "Cache-Control", value: "no-cache, max-age=0" }] },
      {
        source: "/:path*",
        headers: [
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          // The barista screen may use the camera to scan pickup codes; nothing needs more.
          { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" },
        ],
      },
    ];
  },
};

export default nextConfig;
