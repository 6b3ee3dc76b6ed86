// Wire shapes of the cluster API, shared by route handlers (which build them) and the client (which parses them).
// int64 values (offsets, counts, lag) are decimal strings: a JS number rounds above 2^53.
import { z } from "zod";

export const int64String = z.string().regex(/^-?\d+$/, "expected an integer string");

/** An ISO 8601 instant with its offset, as query parameters carry it (the server reads it as a Date). */
export const instantSchema = z.iso.datetime({ offset: true, message: "expected an ISO 8601 date-time, e.g. 2026-11-23T09:30:00Z" });

/** Free text the audit log keeps (a note, a reason): jsonb cannot hold a NUL character, so it is refused up front. */
export const auditedText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => !text.includes("\u0000"), "must not contain a NUL character (U+0000)");

export const clusterSchema = z.object({
  id: z.string(),
  name: z.string(),
  brokers: z.array(z.string()),
  /** Which of the cluster's pieces this instance runs (its switches AND-ed with the instance's). */
  runs: z.object({ indexer: z.boolean(), jobs: z.boolean(), lagSampling: z.boolean() }).optional(),
});
export type Cluster = z.infer<typeof clusterSchema>;

export const topicSummarySchema = z.object({
  name: z.string(),
  partitions: z.number().int(),
  replicationFactor: z.number().int(),
  messages: int64String,
  isDlq: z.boolean(),
  isInternal: z.boolean(),
});
export type TopicSummary = z.infer<typeof topicSummarySchema>;

export const partitionOffsetsSchema = z.object({
  partition: z.number().int(),
  leader: z.number().int(),
  replicas: z.array(z.number().int()),
  isr: z.array(z.number().int()),
  low: int64String,
  high: int64String,
  messages: int64String,
});
export type PartitionOffsets = z.infer<typeof partitionOffsetsSchema>;

/** One partition as a group sees it. `committed` and `lag` are null when the group never committed there. */
export const groupPartitionLagSchema = z.object({
  topic: z.string(),
  partition: z.number().int(),
  committed: int64String.nullable(),
  logEnd: int64String,
  lag: int64String.nullable(),
});
export type GroupPartitionLag = z.infer<typeof groupPartitionLagSchema>;

export const topicGroupSchema = z.object({
  groupId: z.string(),
  state: z.string(),
  lag: int64String.nullable(),
  offsets: z.array(groupPartitionLagSchema),
});
export type TopicGroup = z.infer<typeof topicGroupSchema>;

export const topicDetailsSchema = topicSummarySchema.omit({ partitions: true }).extend({
  partitions: z.array(partitionOffsetsSchema),
  groups: z.array(topicGroupSchema),
});
export type TopicDetails = z.infer<typeof topicDetailsSchema>;

export const groupSummarySchema = z.object({
  groupId: z.string(),
  state: z.string(),
  protocolType: z.string(),
  members: z.number().int(),
  totalLag: int64String.nullable(),
  topics: z.array(z.string()),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const groupMemberSchema = z.object({
  memberId: z.string(),
  clientId: z.string(),
  clientHost: z.string(),
  assignments: z.array(z.object({ topic: z.string(), partitions: z.array(z.number().int()) })),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const groupDetailsSchema = groupSummarySchema.omit({ members: true }).extend({
  protocol: z.string(),
  members: z.array(groupMemberSchema),
  offsets: z.array(groupPartitionLagSchema),
});
export type GroupDetails = z.infer<typeof groupDetailsSchema>;

/** GET /api/health: the process answers, and which release it runs. */
export const healthSchema = z.object({ status: z.literal("ok"), version: z.string() });
export type Health = z.infer<typeof healthSchema>;

const kafkaReadinessSchema = z.object({ ok: z.boolean(), brokers: z.array(z.string()), error: z.string().optional() });

export const readinessSchema = z.object({
  ok: z.boolean(),
  ready: z.boolean(),
  /** The first configured cluster's Kafka: readiness rests on it (and the store). */
  kafka: kafkaReadinessSchema,
  /** With REDRIVE_CONFIG, every cluster's Kafka; one that does not answer (other than the first) leaves the instance ready. */
  clusters: z.array(kafkaReadinessSchema.extend({ id: z.string() })).optional(),
  store: z.object({ ok: z.boolean(), kind: z.enum(["pglite", "postgres"]), error: z.string().optional() }),
});
export type Readiness = z.infer<typeof readinessSchema>;

/** One broker as the admin API sees it: up when the cluster lists it; down when a partition names it as a replica but the cluster does not. */
export const brokerStatusSchema = z.object({
  nodeId: z.number().int(),
  /** "host:port", the last one seen for a broker that is down; null when it was never seen. */
  address: z.string().nullable(),
  up: z.boolean(),
});
export type BrokerStatus = z.infer<typeof brokerStatusSchema>;

/** A partition that is short of replicas; `partition` is null where Kafka names only the topic. */
export const partitionRefSchema = z.object({ topic: z.string(), partition: z.number().int().nullable() });
export type PartitionRef = z.infer<typeof partitionRefSchema>;

export const clusterBrokersSchema = z.object({
  brokers: z.array(brokerStatusSchema),
  /** The active controller's node id; null when the cluster names none. */
  controller: z.number().int().nullable(),
  /** Partitions with fewer in-sync replicas than replicas. */
  underReplicated: z.array(partitionRefSchema),
  /** Partitions without a leader: nobody can read or write them. */
  offline: z.array(partitionRefSchema),
});
export type ClusterBrokers = z.infer<typeof clusterBrokersSchema>;

export const dlqSummarySchema = z.object({
  topic: z.string(),
  total: int64String,
  pending: int64String,
  redelivered: int64String,
  discarded: int64String,
  /** Timestamp of the oldest pending record, ISO UTC; null when nothing is pending. */
  oldestPendingAt: z.string().nullable(),
});
export type DlqSummary = z.infer<typeof dlqSummarySchema>;

/** DELETE /api/clusters/{c}/dlqs/{topic}: how many stored records of the DLQ were forgotten, by status. */
export const forgottenDlqSchema = z.object({ records: z.number().int(), redelivered: z.number().int(), discarded: z.number().int() });
export type ForgottenDlq = z.infer<typeof forgottenDlqSchema>;

// ---- DLQ browsing -------------------------------------------------------------------------------------------

export const messageStatusSchema = z.enum(["pending", "redelivered", "discarded"]);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

const filterText = z.string().min(1, "must not be empty").max(1_000, "must be at most 1000 characters");

/** The message list's filters as query parameters. Absent means "any"; from is inclusive, to exclusive. */
export const dlqMessageFilterSchema = z.object({
  status: messageStatusSchema.optional(),
  fingerprint: filterText.optional(),
  /** Text searched in key, value and failure message (case-insensitive substring). */
  q: z.string().max(1_000, "must be at most 1000 characters").optional(),
  originalTopic: filterText.optional(),
  /** Bounds on the record timestamp. */
  from: instantSchema.optional(),
  to: instantSchema.optional(),
});
export type DlqMessageFilter = z.infer<typeof dlqMessageFilterSchema>;

export const conventionSchema = z.enum([
  "spring-dlt",
  "spring-retry",
  "spring-cloud-stream",
  "connect",
  "streams",
  "karafka",
  "smallrye",
  "generic",
  "custom",
  "unknown",
]);

/** Bytes as they are: always base64; `text` only when the bytes are valid UTF-8. */
export const bytesSchema = z.object({ base64: z.string(), text: z.string().nullable() });
export type WireBytes = z.infer<typeof bytesSchema>;

export const valueEncodingSchema = z.enum(["json", "text", "binary"]);
export type ValueEncoding = z.infer<typeof valueEncodingSchema>;

/** A record's value: the bytes (or, in lists, the first bytes of them), how they read, and the full size. */
export const wireValueSchema = bytesSchema.extend({
  encoding: valueEncodingSchema,
  /** Size of the whole value in bytes. */
  size: z.number().int(),
  /** True when `base64`/`text` hold only the first bytes (list previews). */
  truncated: z.boolean(),
});
export type WireValue = z.infer<typeof wireValueSchema>;

export const wireHeaderSchema = z.object({
  key: z.string(),
  value: bytesSchema.nullable(),
  /** The key's own bytes, only when `key` is not them (they were not UTF-8, or held NUL: `key` shows U+FFFD). */
  keyBase64: z.string().optional(),
});
export type WireHeader = z.infer<typeof wireHeaderSchema>;

/**
 * A header of a message in full, with the server's redelivery rule applied to it: whose it is (the failure's, Redrive's
 * own x-redrive-*, or the application's) and whether a plain redelivery sends it on as it is.
 */
export const messageHeaderSchema = wireHeaderSchema.extend({
  kind: z.enum(["failure", "redrive", "application"]),
  keptOnRedelivery: z.boolean(),
});
export type MessageHeader = z.infer<typeof messageHeaderSchema>;

export const recordRefSchema = z.object({ topic: z.string(), partition: z.number().int(), offset: int64String });
export type RecordRef = z.infer<typeof recordRefSchema>;

export const failureSchema = z.object({
  convention: conventionSchema,
  exceptionClass: z.string().nullable(),
  message: z.string().nullable(),
  causeClass: z.string().nullable(),
  originalTopic: z.string().nullable(),
  originalPartition: z.number().int().nullable(),
  originalOffset: int64String.nullable(),
  originalTimestamp: z.string().nullable(),
  consumerGroup: z.string().nullable(),
  attempts: z.number().int().nullable(),
  fingerprint: z.string(),
  /** Why the record was stored without its failure (it could not be parsed or stored whole); null when parsed. */
  unparsedReason: z.string().nullable(),
});

export const failureWithStackSchema = failureSchema.extend({ stacktrace: z.string().nullable() });
export type Failure = z.infer<typeof failureWithStackSchema>;

/** One row of the message list: no stack trace, no history, the value cut to a preview. */
export const dlqListMessageSchema = z.object({
  topic: z.string(),
  partition: z.number().int(),
  offset: int64String,
  timestamp: z.string(),
  key: bytesSchema.nullable(),
  value: wireValueSchema.nullable(),
  failure: failureSchema,
  status: messageStatusSchema,
  /**
   * "checking" while a redelivery's outcome is unknown (Kafka's answer to the send was lost, or the server stopped
   * mid-send) and Redrive looks for it in the target; the message stays pending and refuses other actions until then.
   */
  delivery: z.enum(["checking"]).nullable(),
  /** The record this one was redelivered from, when it carries `x-redrive-source`. */
  redriveSource: recordRefSchema.nullable(),
});
export type DlqListMessage = z.infer<typeof dlqListMessageSchema>;

export const dlqMessagePageSchema = z.object({
  messages: z.array(dlqListMessageSchema),
  nextCursor: z.string().nullable(),
});
export type DlqMessagePage = z.infer<typeof dlqMessagePageSchema>;

export const auditEntrySchema = z.object({
  seq: int64String,
  at: z.string(),
  actor: z.string(),
  role: z.string().nullable(),
  action: z.string(),
  cluster: z.string().nullable(),
  topic: z.string().nullable(),
  partition: z.number().int().nullable(),
  offset: int64String.nullable(),
  target: z.unknown().nullable(),
  details: z.unknown(),
  /** The client's address (from the socket, or a trusted proxy's X-Forwarded-For); "local" for the CLI. */
  source: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** One message in full: every byte of key, value and headers, the failure with its stack trace, and history. */
export const dlqMessageDetailsSchema = dlqListMessageSchema.extend({
  headers: z.array(messageHeaderSchema),
  failure: failureWithStackSchema,
  indexedAt: z.string(),
  history: z.array(auditEntrySchema),
});
export type DlqMessageDetails = z.infer<typeof dlqMessageDetailsSchema>;

export const failureGroupSchema = z.object({
  fingerprint: z.string(),
  exceptionClass: z.string().nullable(),
  /** The normalised failure message the group shares ("Order <n> not found"). */
  reason: z.string().nullable(),
  originalTopic: z.string().nullable(),
  count: z.number().int(),
  pending: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Records per hour over the last 24 hours, oldest first; the last bucket is the current hour. */
  trend: z.array(z.number().int()),
});
export type FailureGroup = z.infer<typeof failureGroupSchema>;

/** A page of failure groups, most recently seen first; `nextCursor` continues it, `total` counts every group. */
export const failureGroupPageSchema = z.object({
  groups: z.array(failureGroupSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});
export type FailureGroupPage = z.infer<typeof failureGroupPageSchema>;
