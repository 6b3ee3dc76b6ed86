// Structured JSON logs. Known secret-bearing fields are redacted, so a careless log call cannot print them.
import "server-only";
import pino from "pino";

export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "redrive" },
  redact: {
    paths: [
      "password",
      "*.password",
      "sasl",
      "*.sasl",
      "databaseUrl",
      "*.databaseUrl",
      "authorization",
      "*.authorization",
      "token",
      "*.token",
    ],
    censor: "[redacted]",
  },
});
