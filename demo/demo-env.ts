// Environment parsing for the demo processes: zod schemas, and a failure that names every bad variable.
import { z } from "zod";

const hostPort = /^[^\s:,]+:\d{1,5}$/;

export const brokersSchema = z
  .string()
  .default("127.0.0.1:9092")
  .transform((s) =>
    s
      .split(",")
      .map((b) => b.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(hostPort, "expected host:port[,host:port…]")).min(1, "expected at least one broker"));

export const portSchema = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/** What every demo topic and group name starts with. */
export const topicPrefixSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{0,100}$/, "expected letters, digits, '.', '_' or '-'")
  .default("demo.");

export const logLevelSchema = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info");

/** Parses `env` with `schema`, or throws one error listing every variable that is wrong and why. */
export function parseEnv<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${lines.join("\n")}`);
}
