import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: [
    "./lib/store/schema.ts",
    "./lib/store/auth-schema.ts",
    "./lib/store/audit-schema.ts",
    "./lib/store/dlq-schema.ts",
    "./lib/store/job-schema.ts",
    "./lib/store/monitoring-schema.ts",
  ],
  out: "./lib/store/migrations",
});
