// What a redelivery sends (pure): the DLQ record's key, value and headers byte for byte, minus the failure
// headers of its convention (unless kept), plus x-redrive-id, x-redrive-source and x-redrive-count. An edit
// replaces key, value or headers as the operator wrote them; the x-redrive headers are added all the same.
import { FAILURE_CONVENTIONS, type FailureConvention } from "./failure-conventions";
import type { CustomHeaderMapping } from "./parse-failure";
import type { RecordHeader } from "./record-header";
import { REDRIVE_COUNT_HEADER, REDRIVE_SOURCE_HEADER, redriveCount } from "./redrive-source";

export const REDRIVE_ID_HEADER = "x-redrive-id";

// Headers a framework writes under its own prefix beyond those the parser reads (Spring's retry bookkeeping,
// Connect's connector and stage names, …): stripped with the rest of the convention's headers.
const CONVENTION_PREFIXES: Partial<Record<FailureConvention, readonly string[]>> = {
  "spring-dlt": ["kafka_dlt-"],
  "spring-retry": ["kafka_original-", "kafka_exception-", "retry_topic-"],
  "spring-cloud-stream": ["x-original-", "x-exception-"],
  connect: ["__connect.errors."],
  streams: ["__streams.errors."],
  karafka: ["source_"],
  smallrye: ["dead-letter-"],
};

// Each convention's header names, gathered once: a bulk job asks for every header of every record.
const NAMED = new Map<FailureConvention, Set<string>>(
  FAILURE_CONVENTIONS.map((spec) => [
    spec.convention,
    new Set([...Object.values(spec.origin).flat(), ...spec.reasons.flatMap((group) => Object.values(group).flat()), ...(spec.markers ?? [])] as string[]),
  ]),
);

/** Every header name the convention writes: the ones the parser reads, its markers, and its prefixes. */
export function isFailureHeader(name: string, convention: FailureConvention, customMappings: readonly CustomHeaderMapping[] = []): boolean {
  if (convention === "custom") return customMappings.some((m) => Object.entries(m).some(([field, header]) => field !== "name" && header === name));
  const named = NAMED.get(convention);
  if (!named) return false;
  return named.has(name) || (CONVENTION_PREFIXES[convention] ?? []).some((prefix) => name.startsWith(prefix));
}

export interface RedeliverySource {
  topic: string;
  partition: number;
  offset: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: readonly RecordHeader[];
  convention: FailureConvention;
}

export interface RedeliveryEdit {
  /** Replaces the key; null sends no key. */
  key?: Buffer | null;
  /** Replaces the value; null sends a tombstone. */
  value?: Buffer | null;
  /** Replaces every header (in this order); the x-redrive headers are still set. */
  headers?: readonly RecordHeader[];
}

export interface RedeliveryMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

export function redeliveryMessage(
  source: RedeliverySource,
  actionId: string,
  options: { edit?: RedeliveryEdit; keepFailureHeaders?: boolean; customMappings?: readonly CustomHeaderMapping[] } = {},
): RedeliveryMessage {
  const { edit, keepFailureHeaders = false, customMappings = [] } = options;
  const redriveHeaders = new Set([REDRIVE_ID_HEADER, REDRIVE_SOURCE_HEADER, REDRIVE_COUNT_HEADER]);
  const base =
    edit?.headers ??
    source.headers.filter(({ key }) => keepFailureHeaders || !isFailureHeader(key, source.convention, customMappings));
  const headers = base.filter(({ key }) => !redriveHeaders.has(key));
  headers.push(
    { key: REDRIVE_ID_HEADER, value: Buffer.from(actionId) },
    { key: REDRIVE_SOURCE_HEADER, value: Buffer.from(`${source.topic}/${source.partition}/${source.offset}`) },
    { key: REDRIVE_COUNT_HEADER, value: Buffer.from(String(redriveCount(source.headers) + 1)) },
  );
  return {
    key: edit && "key" in edit ? (edit.key ?? null) : source.key,
    value: edit && "value" in edit ? (edit.value ?? null) : source.value,
    headers,
  };
}
