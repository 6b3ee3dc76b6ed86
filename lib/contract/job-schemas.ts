// Request and answer shapes of bulk jobs.
import { z } from "zod";
import { JOB_STATES } from "./job-states";
import { auditedText, dlqListMessageSchema, int64String } from "./schemas";

const topicName = z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/, "expected a Kafka topic name");
const nonEmpty = z.string().min(1, "must not be empty").max(1_000, "must be at most 1000 characters");

export const MAX_JOB_SELECTION = 10_000;

export const jobFilterSchema = z.strictObject({
  fingerprint: nonEmpty.optional(),
  originalTopic: nonEmpty.optional(),
  q: z.string().trim().max(1_000, "must be at most 1000 characters").optional(),
  from: z.iso.datetime({ offset: true, error: "expected an ISO 8601 time" }).optional(),
  to: z.iso.datetime({ offset: true, error: "expected an ISO 8601 time" }).optional(),
});
export type JobFilter = z.infer<typeof jobFilterSchema>;

export const jobRequestSchema = z
  .strictObject({
    action: z.enum(["redeliver", "discard"], { error: "expected redeliver or discard" }),
    /** Every pending record matching the filter ({} for the whole DLQ; a failure group is {fingerprint}). */
    filter: jobFilterSchema.optional(),
    /** Or exactly these records, in this order. */
    messages: z
      .array(
        z.strictObject({
          partition: z
            .number()
            .int()
            .min(0)
            .max(2 ** 31 - 1),
          offset: int64String,
        }),
      )
      .min(1, "must list at least one message")
      .max(MAX_JOB_SELECTION, `must list at most ${MAX_JOB_SELECTION} messages`)
      .optional(),
    /** Or the records an earlier job of this DLQ failed on that are still pending (retrying them, or giving up on them). */
    failedIn: z.uuid({ error: "expected a job id" }).optional(),
    targetTopic: topicName.optional(),
    ratePerSecond: z
      .number()
      .int("expected a whole number")
      .min(1, "must be at least 1")
      .max(100_000, "must be at most 100000")
      .nullable()
      .optional(),
    reason: z.string().trim().pipe(auditedText(2_000)).optional(),
    note: auditedText(2_000).optional(),
    dryRun: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    if ([body.filter, body.messages, body.failedIn].filter((part) => part !== undefined).length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["filter"],
        message: "give one of a filter, a list of messages or the job whose failures to act on (failedIn)",
      });
    }
    // A dry run discards nothing, so the dialog can count a discard before the operator has written the reason.
    if (body.action === "discard" && !body.reason && !body.dryRun)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "a discard needs a reason" });
    if (body.action === "discard" && body.targetTopic)
      ctx.addIssue({ code: "custom", path: ["targetTopic"], message: "a discard sends nothing anywhere" });
    if (body.filter?.from && body.filter.to && Date.parse(body.filter.from) >= Date.parse(body.filter.to)) {
      ctx.addIssue({ code: "custom", path: ["filter", "to"], message: "must be after from" });
    }
  });
export type JobRequest = z.infer<typeof jobRequestSchema>;

export const jobStateSchema = z.enum(JOB_STATES);
export type JobStateName = z.infer<typeof jobStateSchema>;

/** The job list's filters as query parameters; absent means any. */
export const jobListFilterSchema = z.object({
  cluster: z.string().min(1).max(249).optional(),
  topic: z.string().min(1).max(249).optional(),
  state: z.enum(JOB_STATES, { message: `expected one of ${JOB_STATES.join(", ")}` }).optional(),
});
export type JobListFilter = z.infer<typeof jobListFilterSchema>;

/** What POST /api/jobs/{id}/{command} may ask of a job. */
export const jobCommands = ["pause", "resume", "cancel"] as const;
export type JobCommand = (typeof jobCommands)[number];

export const jobSelectorSchema = z.union([
  z.object({ kind: z.literal("filter"), filter: jobFilterSchema }),
  z.object({ kind: z.literal("messages"), count: z.number().int() }),
  z.object({ kind: z.literal("failed"), jobId: z.string() }),
]);
export type JobSelector = z.infer<typeof jobSelectorSchema>;

export const jobSchema = z.object({
  id: z.string(),
  cluster: z.string(),
  topic: z.string(),
  action: z.enum(["redeliver", "discard"]),
  selector: jobSelectorSchema,
  targetTopic: z.string().nullable(),
  ratePerSecond: z.number().int().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  state: jobStateSchema,
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  remaining: z.number().int(),
  /** Messages per second recently; null before the first batch. */
  rate: z.number().nullable(),
  /** Seconds to go at the current rate; null when unknown or not running. */
  etaSeconds: z.number().nullable(),
  createdBy: z.string(),
  role: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  updatedAt: z.string(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
});
export type Job = z.infer<typeof jobSchema>;

export const jobFailureSchema = z.object({ partition: z.number().int(), offset: int64String, error: z.string(), at: z.string() });
/** A job's failures counted by their error text, most frequent first: why it failed, at a glance. */
export const jobFailureReasonSchema = z.object({ error: z.string(), count: z.number().int() });
export const jobDetailsSchema = jobSchema.extend({ failures: z.array(jobFailureSchema), failureReasons: z.array(jobFailureReasonSchema) });
export type JobDetails = z.infer<typeof jobDetailsSchema>;

export const jobListSchema = z.object({ jobs: z.array(jobSchema), nextCursor: z.string().nullable() });
export type JobList = z.infer<typeof jobListSchema>;

export const jobDryRunSchema = z.object({
  dryRun: z.literal(true),
  count: z.number().int(),
  /**
   * Where the records would go (redeliveries): each target with its count, whether it exists now, and why it is
   * refused (a system topic, or outside REDRIVE_REDELIVER_TARGETS), null when it is allowed.
   */
  targets: z.array(
    z.object({ topic: z.string().nullable(), count: z.number().int(), exists: z.boolean(), refusal: z.string().nullable() }),
  ),
  sample: z.array(dlqListMessageSchema),
});
export type JobDryRun = z.infer<typeof jobDryRunSchema>;

export const jobCreatedSchema = z.object({ jobId: z.string(), total: z.number().int() });
export type JobCreated = z.infer<typeof jobCreatedSchema>;
