import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The one-way layers of DESIGN.md ("Layout"), as lint rules. Each entry: a folder, and the folders it must never
// import. Together they forbid every upward import, so no two folders can import each other both ways. Tests and
// fixtures are exempt: a test is a small composition root of its own (it wires a store, a broker and a use case).
const LIB = [
  "api",
  "server",
  "triage",
  "indexing",
  "monitoring",
  "metrics",
  "kafka",
  "store",
  "audit",
  "auth",
  "config",
  "cluster",
  "dlq",
  "net",
  "contract",
  "query",
];
const others = (...allowed) => LIB.filter((f) => !allowed.includes(f)).map((f) => `./lib/${f}`);
const layers = [
  // The browser: the wire contract and its own data layer, nothing else of lib/.
  {
    target: "./components",
    from: [...others("contract", "query"), "./lib/env.ts", "./lib/log.ts", "./lib/errors.ts", "./app"],
    why: "the browser imports only lib/contract and lib/query",
  },
  {
    target: "./lib/query",
    from: [...others("contract", "query"), "./lib/env.ts", "./lib/log.ts", "./lib/errors.ts", "./components", "./app"],
    why: "the browser's data layer imports only lib/contract",
  },
  // Leaves: the wire contract, the error vocabulary and the pure domain import nothing of lib/ but each other.
  {
    target: "./lib/contract",
    from: [...others("contract"), "./lib/env.ts", "./lib/log.ts", "./lib/errors.ts"],
    why: "the contract is browser-safe: zod and itself",
  },
  { target: "./lib/errors.ts", from: others(), why: "the error vocabulary is a leaf" },
  {
    target: "./lib/dlq",
    from: [...others("dlq", "contract"), "./lib/env.ts", "./lib/log.ts"],
    why: "lib/dlq is the pure domain: no I/O, no adapters",
  },
  { target: "./lib/cluster", from: others("cluster", "dlq", "contract"), why: "lib/cluster is pure" },
  { target: "./lib/net", from: others("net"), why: "lib/net is a leaf" },
  // The HTTP edge sits on top: nothing below imports it, and only it picks statuses.
  { target: "./lib", from: ["./app", "./components"], why: "lib/ never imports pages, routes or components" },
  {
    target: [
      "./lib/server",
      "./lib/triage",
      "./lib/indexing",
      "./lib/monitoring",
      "./lib/metrics",
      "./lib/kafka",
      "./lib/store",
      "./lib/audit",
      "./lib/auth",
      "./lib/config",
    ],
    from: ["./lib/api", "./lib/query"],
    why: "only the HTTP edge (lib/api) chooses statuses; the browser's modules stay in the browser",
  },
  // The composition root builds contexts and starts things: only the edge and instrumentation import it.
  {
    target: [
      "./lib/triage",
      "./lib/indexing",
      "./lib/monitoring",
      "./lib/metrics",
      "./lib/kafka",
      "./lib/store",
      "./lib/audit",
      "./lib/auth",
      "./lib/config",
    ],
    from: ["./lib/server"],
    why: "lib/server wires the layers; nothing it wires imports it back",
  },
  // Use cases take ports: neither imports another use case, and triage reaches Kafka through its ports only.
  {
    target: "./lib/triage",
    from: ["./lib/indexing", "./lib/monitoring", "./lib/metrics", "./lib/kafka"],
    why: "triage takes Kafka as a port; use cases do not import each other",
  },
  { target: "./lib/indexing", from: ["./lib/triage", "./lib/monitoring", "./lib/metrics"], why: "use cases do not import each other" },
  {
    target: "./lib/monitoring",
    from: ["./lib/triage", "./lib/indexing", "./lib/metrics"],
    why: "use cases do not import each other (metrics read monitoring, not the reverse)",
  },
  // Adapters import no use case and not each other.
  {
    target: "./lib/kafka",
    from: ["./lib/triage", "./lib/indexing", "./lib/monitoring", "./lib/metrics", "./lib/store", "./lib/audit", "./lib/auth"],
    why: "an adapter imports no use case and no other adapter",
  },
  {
    target: "./lib/store",
    from: [
      "./lib/triage",
      "./lib/indexing",
      "./lib/monitoring",
      "./lib/metrics",
      "./lib/kafka",
      "./lib/audit",
      "./lib/auth",
      "./lib/config",
    ],
    why: "an adapter imports no use case and no other adapter",
  },
  {
    target: "./lib/audit",
    from: ["./lib/triage", "./lib/indexing", "./lib/monitoring", "./lib/metrics", "./lib/kafka", "./lib/auth"],
    why: "the audit log sits under the use cases and auth",
  },
  {
    target: "./lib/auth",
    from: ["./lib/triage", "./lib/indexing", "./lib/monitoring", "./lib/metrics", "./lib/kafka"],
    why: "auth sits under the use cases",
  },
  {
    target: "./lib/config",
    from: ["./lib/triage", "./lib/indexing", "./lib/monitoring", "./lib/metrics", "./lib/kafka", "./lib/audit", "./lib/auth"],
    why: "configuration is read by every layer and reads none of them",
  },
  // The demo is a Kafka client of its own: pure helpers only.
  {
    target: "./demo",
    from: [...others("dlq", "contract"), "./lib/env.ts", "./lib/log.ts"],
    why: "the demo is a Kafka client: it imports nothing of lib/ but pure helpers",
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-bench/**",
      "node_modules/**",
      "scripts/kafka/.kafka/**",
      ".redrive/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    // kafkajs stays behind lib/kafka/ so the client can be swapped (DESIGN.md).
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/kafka/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "kafkajs", message: "Import Kafka through lib/kafka/ only." }] }],
    },
  },
  {
    files: ["lib/**", "components/**", "demo/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "**/*.fixture.ts"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          basePath: import.meta.dirname,
          zones: layers.flatMap(({ target, from, why }) =>
            (Array.isArray(target) ? target : [target]).map((t) => ({ target: t, from, message: `Layers (README, Development): ${why}.` })),
          ),
        },
      ],
    },
  },
];

export default config;
