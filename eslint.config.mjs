import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-bench/**", "node_modules/**", "scripts/kafka/.kafka/**", ".redrive/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // kafkajs stays behind lib/kafka/ so the client can be swapped (DESIGN.md).
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/kafka/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "kafkajs", message: "Import Kafka through lib/kafka/ only." }] }],
    },
  },
];

export default config;
