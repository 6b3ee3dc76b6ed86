// Which of a record's headers carry the failure (written by the DLQ producer) and which Redrive added on
// redelivery, so the headers table can mark them apart from the application's own.
import { conventionHeaderNames, FAILURE_CONVENTIONS } from "@/lib/dlq/failure-conventions";
import type { Failure } from "@/lib/api/schemas";

export type HeaderKind = "failure" | "redrive" | "application";

// Framework-reserved prefixes are failure headers whatever convention the record was recognised by.
const FAILURE_PREFIXES = ["kafka_dlt-", "kafka_original-", "kafka_exception-", "retry_topic-", "__connect.errors.", "__streams.errors."];

const NAMES_BY_CONVENTION = new Map(FAILURE_CONVENTIONS.map((spec) => [spec.convention as string, new Set(conventionHeaderNames(spec))]));

export function headerKind(key: string, convention: Failure["convention"]): HeaderKind {
  if (key.startsWith("x-redrive-")) return "redrive";
  if (FAILURE_PREFIXES.some((prefix) => key.startsWith(prefix))) return "failure";
  return NAMES_BY_CONVENTION.get(convention)?.has(key) ? "failure" : "application";
}
