// Next.js configuration. Security headers are set here so every response — pages, API, assets — carries them.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  devIndicators: false,
  // kafkajs, pg and PGlite are Node libraries; bundling them breaks their dynamic requires and WASM loading.
  serverExternalPackages: ["kafkajs", "pg", "@electric-sql/pglite", "pino"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
