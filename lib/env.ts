// Server configuration from the environment, validated once with zod; a bad value names the variable and stops start-up.
import "server-only";
import { parseServerEnv, type ServerEnv } from "@/lib/env-schema";

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
