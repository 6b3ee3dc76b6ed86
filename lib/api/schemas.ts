// Wire shapes of the cluster API, shared by route handlers (which build them) and the client (which parses them).
// int64 values (offsets, counts, lag) are decimal strings: a JS number rounds above 2^53.
import { z } from "zod";

export const int64String = z.string().regex(/^-?\d+$/, "expected an integer string");

export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export const clusterSchema = z.object({
  id: z.string(),
  name: z.string(),
  brokers: z.array(z.string()),
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

export const readinessSchema = z.object({
  ready: z.boolean(),
  kafka: z.object({ ok: z.boolean(), brokers: z.array(z.string()), error: z.string().optional() }),
  store: z.object({ ok: z.boolean(), kind: z.enum(["pglite", "postgres"]), error: z.string().optional() }),
});
export type Readiness = z.infer<typeof readinessSchema>;

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
