// Reads a DLQ record's failure (why it failed and where it came from) from its headers.
import {
  conventionHeaderNames,
  FAILURE_CONVENTIONS,
  type ConventionSpec,
  type FailureConvention,
  type ReasonHeaders,
} from "./failure-conventions";
import { readCount, readOffset, readPartition, readTimestamp, type NumberEncoding } from "./header-number";
import { headerText, lastHeader, type RecordHeader } from "./record-header";

export interface ParsedFailure {
  convention: FailureConvention;
  exceptionClass: string | null;
  message: string | null;
  stacktrace: string | null;
  causeClass: string | null;
  originalTopic: string | null;
  originalPartition: number | null;
  /** int64 as a decimal string. */
  originalOffset: string | null;
  /** ISO 8601, UTC. */
  originalTimestamp: string | null;
  consumerGroup: string | null;
  attempts: number | null;
}

/** A user's own convention from configuration: one header name per field, values as (decimal) text. */
export interface CustomHeaderMapping {
  name: string;
  originalTopic?: string;
  originalPartition?: string;
  originalOffset?: string;
  exceptionClass?: string;
  message?: string;
  stacktrace?: string;
  consumerGroup?: string;
}

type Headers = readonly RecordHeader[];

// An attempts header alone says nothing about where or why a record failed, so it identifies no convention.
const IDENTIFYING_HEADERS = new Map(
  FAILURE_CONVENTIONS.map((spec) => {
    const attempts = spec.origin.attempts ?? [];
    return [spec, conventionHeaderNames(spec).filter((name) => !attempts.includes(name))] as const;
  }),
);

// Kafka Streams 4.0 wrote `exception.toString()` ("Class: message") where 4.1 writes the class name;
// keeping only the class stops every message variant from becoming its own failure group.
const CLASS_WITH_MESSAGE = /^\s*([\w$.]+):\s/;

export function parseFailureHeaders(headers: Headers, customMappings: readonly CustomHeaderMapping[] = []): ParsedFailure {
  const present = new Set(headers.map((header) => header.key));
  const custom = customMappings.find((mapping) => customHeaderNames(mapping).some((name) => present.has(name)));
  if (custom) return parseCustom(headers, custom);
  const spec = FAILURE_CONVENTIONS.find((candidate) => IDENTIFYING_HEADERS.get(candidate)?.some((name) => present.has(name)));
  return spec ? parseConvention(headers, spec, present) : { ...emptyFailure(), convention: "unknown" };
}

function parseConvention(headers: Headers, spec: ConventionSpec, present: ReadonlySet<string>): ParsedFailure {
  const { origin, numbers } = spec;
  const reason = spec.reasons.find((group) => reasonHeaderNames(group).some((name) => present.has(name))) ?? {};
  return {
    convention: spec.convention,
    exceptionClass: className(textField(headers, reason.exceptionClass)),
    message: textField(headers, reason.message),
    stacktrace: textField(headers, reason.stacktrace),
    causeClass: className(textField(headers, reason.causeClass)),
    originalTopic: textField(headers, origin.originalTopic),
    originalPartition: numberField(headers, origin.originalPartition, numbers, readPartition),
    originalOffset: numberField(headers, origin.originalOffset, numbers, readOffset),
    originalTimestamp: numberField(headers, origin.originalTimestamp, numbers, readTimestamp),
    consumerGroup: textField(headers, origin.consumerGroup),
    attempts: numberField(headers, origin.attempts, numbers, readCount),
  };
}

function parseCustom(headers: Headers, mapping: CustomHeaderMapping): ParsedFailure {
  const names = (name: string | undefined) => (name === undefined ? [] : [name]);
  return {
    ...emptyFailure(),
    convention: "custom",
    exceptionClass: className(textField(headers, names(mapping.exceptionClass))),
    message: textField(headers, names(mapping.message)),
    stacktrace: textField(headers, names(mapping.stacktrace)),
    originalTopic: textField(headers, names(mapping.originalTopic)),
    originalPartition: numberField(headers, names(mapping.originalPartition), "decimal", readPartition),
    originalOffset: numberField(headers, names(mapping.originalOffset), "decimal", readOffset),
    consumerGroup: textField(headers, names(mapping.consumerGroup)),
  };
}

export function emptyFailure(): Omit<ParsedFailure, "convention"> {
  return {
    exceptionClass: null,
    message: null,
    stacktrace: null,
    causeClass: null,
    originalTopic: null,
    originalPartition: null,
    originalOffset: null,
    originalTimestamp: null,
    consumerGroup: null,
    attempts: null,
  };
}

function customHeaderNames(mapping: CustomHeaderMapping): string[] {
  const { originalTopic, originalPartition, originalOffset, exceptionClass, message, stacktrace, consumerGroup } = mapping;
  return [originalTopic, originalPartition, originalOffset, exceptionClass, message, stacktrace, consumerGroup].filter(
    (name): name is string => typeof name === "string" && name !== "",
  );
}

function reasonHeaderNames(group: ReasonHeaders): string[] {
  return [group.exceptionClass, group.causeClass, group.message, group.stacktrace].flatMap((names) => names ?? []);
}

/** The first candidate whose last occurrence is non-blank UTF-8; undecodable bytes are skipped, never thrown on. */
function textField(headers: Headers, names: readonly string[] | undefined): string | null {
  for (const name of names ?? []) {
    const text = headerText(lastHeader(headers, name)?.value ?? null);
    if (text !== null && text.trim() !== "") return text;
  }
  return null;
}

function numberField<T>(
  headers: Headers,
  names: readonly string[] | undefined,
  encoding: NumberEncoding,
  read: (value: Buffer | null, encoding: NumberEncoding) => T | null,
): T | null {
  for (const name of names ?? []) {
    const value = read(lastHeader(headers, name)?.value ?? null, encoding);
    if (value !== null) return value;
  }
  return null;
}

function className(text: string | null): string | null {
  if (text === null) return null;
  return CLASS_WITH_MESSAGE.exec(text)?.[1] ?? text.trim();
}
