// Alert rules on the wire: what an admin sends to create or change one, and what the API answers (the webhook URL
// masked, never whole). Shared by the route handlers and the Settings page.
import { z } from "zod";
import { webhookUrlSchema } from "./webhook-url";

export const alertKinds = ["dlq_pending", "dlq_oldest_pending", "new_failure_group", "group_lag"] as const;
export type AlertKind = (typeof alertKinds)[number];

const MAX_FOR_SECONDS = 7 * 86_400;

/** A count or a number of seconds: a JSON number or a decimal string (int64 travels as a string). */
const thresholdSchema = z
  .union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,18}$/, "expected a whole number")], {
    error: "expected a whole number ≥ 0",
  })
  .transform((value) => BigInt(value));

/** The fields as a change sends them: no defaults, so an absent field stays absent (and unchanged). */
const ruleFields = {
  name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  kind: z.enum(alertKinds),
  /** Empty or null watches every DLQ (or every group). */
  target: z
    .string()
    .trim()
    .max(249, "at most 249 characters")
    .nullable()
    .transform((value) => value || null),
  threshold: thresholdSchema,
  forSeconds: z.number().int().min(0).max(MAX_FOR_SECONDS, `at most ${MAX_FOR_SECONDS} (7 days)`),
  webhookUrl: webhookUrlSchema,
  enabled: z.boolean(),
};

export const newAlertRuleSchema = z
  .strictObject({
    ...ruleFields,
    cluster: z.string().min(1).default("default"),
    target: ruleFields.target.default(null),
    threshold: ruleFields.threshold.default(0n),
    forSeconds: ruleFields.forSeconds.default(0),
    enabled: ruleFields.enabled.default(true),
  })
  .superRefine((rule, ctx) => {
    if (rule.kind === "dlq_oldest_pending" && rule.threshold < 1n)
      ctx.addIssue({ code: "custom", path: ["threshold"], message: "an age of at least 1 second" });
  });
export type NewAlertRule = z.infer<typeof newAlertRuleSchema>;

/** A change: any field; an absent webhookUrl keeps the current one. */
export const alertRulePatchSchema = z.strictObject(ruleFields).partial();
export type AlertRulePatch = z.infer<typeof alertRulePatchSchema>;

/** A whole rule as the Settings form sends it (to create one, or as a change); without webhookUrl a change keeps the current one. */
export type AlertRuleInput = Required<Omit<z.input<typeof alertRulePatchSchema>, "webhookUrl">> &
  Pick<z.input<typeof alertRulePatchSchema>, "webhookUrl">;

export const alertRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(alertKinds),
  cluster: z.string(),
  target: z.string().nullable(),
  threshold: z.string(),
  forSeconds: z.number(),
  /** e.g. "https://hooks.slack.com/…" */
  webhook: z.string(),
  enabled: z.boolean(),
  /** The rule in words: "orders.DLT: pending above 100 for 5m". */
  condition: z.string(),
  state: z.enum(["ok", "firing"]),
  lastValue: z.string().nullable(),
  lastEvaluatedAt: z.string().nullable(),
  lastFiredAt: z.string().nullable(),
  lastResolvedAt: z.string().nullable(),
  /** A notice that could not be posted yet, retried at the next evaluation. */
  pendingNotice: z.enum(["fire", "resolve"]).nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertRuleView = z.infer<typeof alertRuleSchema>;

export const alertTestResultSchema = z.object({
  ok: z.boolean(),
  status: z.number().optional(),
  error: z.string().optional(),
  attempts: z.number(),
});
export type AlertTestResult = z.infer<typeof alertTestResultSchema>;
