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
    new Set([
      ...Object.values(spec.origin).flat(),
      ...spec.reasons.flatMap((group) => Object.values(group).flat()),
      ...(spec.markers ?? []),
    ] as string[]),
  ]),
);

/** Every header name the convention writes: the ones the parser reads, its markers, and its prefixes. */
export function isFailureHeader(name: string, convention: FailureConvention, customMappings: readonly CustomHeaderMapping[] = []): boolean {
  if (convention === "custom")
    return customMappings.some((m) => Object.entries(m).some(([field, header]) => field !== "name" && header === name));
  const named = NAMED.get(convention);
  if (!named) return false;
  return named.has(name) || (CONVENTION_PREFIXES[convention] ?? []).some((prefix) => name.startsWith(prefix));
}

const REDRIVE_HEADERS: ReadonlySet<string> = new Set([REDRIVE_ID_HEADER, REDRIVE_SOURCE_HEADER, REDRIVE_COUNT_HEADER]);

/** Whose a header is: the DLQ producer's description of the failure, Redrive's own (set anew on every redelivery), or the application's. */
export type HeaderKind = "failure" | "redrive" | "application";

/** What decides which headers a redelivery strips: the one rule behind both what is sent and what a page previews. */
export interface FailureHeaderRule {
  keepFailureHeaders?: boolean;
  customMappings?: readonly CustomHeaderMapping[];
}

export function headerKind(name: string, convention: FailureConvention, customMappings: readonly CustomHeaderMapping[] = []): HeaderKind {
  if (REDRIVE_HEADERS.has(name)) return "redrive";
  return isFailureHeader(name, convention, customMappings) ? "failure" : "application";
}

/** Whether a plain (unedited) redelivery sends this header on as it is. */
export function keptOnRedelivery(name: string, convention: FailureConvention, rule: FailureHeaderRule = {}): boolean {
  const kind = headerKind(name, convention, rule.customMappings);
  return kind === "application" || (kind === "failure" && rule.keepFailureHeaders === true);
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
  options: { edit?: RedeliveryEdit } & FailureHeaderRule = {},
): RedeliveryMessage {
  const { edit } = options;
  const headers = edit?.headers
    ? edit.headers.filter(({ key }) => !REDRIVE_HEADERS.has(key))
    : source.headers.filter(({ key }) => keptOnRedelivery(key, source.convention, options));
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
