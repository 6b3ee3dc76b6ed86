// Request and answer shapes of the triage actions.
import { z } from "zod";
import { auditedText, int64String } from "./schemas";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Bytes as the operator wrote them: UTF-8 text, or base64 for anything binary. */
export const bytesInputSchema = z.union([
  z.strictObject({ text: z.string() }),
  z.strictObject({ base64: z.string().regex(BASE64, "expected standard base64 with padding") }),
]);
export type BytesInput = z.infer<typeof bytesInputSchema>;

const topicName = z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/, "expected a Kafka topic name");

export const redeliverRequestSchema = z.strictObject({
  targetTopic: topicName.optional(),
  edit: z
    .strictObject({
      key: bytesInputSchema.nullable().optional(),
      value: bytesInputSchema.nullable().optional(),
      headers: z
        .array(z.strictObject({ key: z.string().min(1, "a header needs a key"), value: bytesInputSchema.nullable() }))
        .max(1_000)
        .optional(),
    })
    .optional(),
  note: auditedText(2_000).optional(),
});
export type RedeliverRequestBody = z.infer<typeof redeliverRequestSchema>;

export const discardRequestSchema = z.strictObject({
  reason: z.string().trim().min(1, "a discard needs a reason").pipe(auditedText(2_000)),
});

export const redeliverAnswerSchema = z.object({
  actionId: z.string(),
  target: z.object({ topic: z.string(), partition: z.number().int(), offset: int64String }),
});
export type RedeliverAnswer = z.infer<typeof redeliverAnswerSchema>;

export const discardAnswerSchema = z.object({ status: z.literal("discarded") });

/** Whether a redelivery may go to a topic: `refusal` says why not (a system topic, or outside REDRIVE_REDELIVER_TARGETS). */
export const redeliveryTargetAnswerSchema = z.object({ topic: z.string(), refusal: z.string().nullable() });
export type RedeliveryTargetAnswer = z.infer<typeof redeliveryTargetAnswerSchema>;
