// Next.js configuration. Security headers are set here so every response — pages, API, assets — carries them.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The benchmark builds into its own directory so it never serves (or breaks) a build the tests are using.
  distDir: process.env.REDRIVE_DIST_DIR || ".next",
  // The container image (Dockerfile) runs the standalone server: .next/standalone holds server.js and only the
  // node_modules files it traced. Off otherwise, so `next start` serves the build the tests and the README use.
  output: process.env.REDRIVE_STANDALONE === "1" ? "standalone" : undefined,
  poweredByHeader: false,
  devIndicators: false,
  // kafkajs, pg and PGlite are Node libraries; bundling them breaks their dynamic requires and WASM loading.
  serverExternalPackages: ["kafkajs", "pg", "@electric-sql/pglite", "pino"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      {
        // Pages get a per-request CSP with a nonce from proxy.ts; API answers are data and may load nothing.
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

module.exports = nextConfig;
