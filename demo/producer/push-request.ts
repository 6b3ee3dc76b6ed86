// POST /push: the request's shape, checked in full before anything is sent, and the records it becomes.
import { randomUUID } from "node:crypto";
import { z } from "zod";

export const MAX_NUM = 10_000;
/**
 * Everything one push sends stays under the broker's default message.max.bytes (1 MiB), so it always fits
 * one record batch per partition: a push the broker would refuse part of is refused here, whole.
 */
export const MAX_PUSH_BYTES = 1_000_000;
/** Record framing plus the x-message-id header, per record. */
const RECORD_OVERHEAD_BYTES = 80;

const pushRequestSchema = z
  .object({
    topic: z
      .string({ error: "topic is required (a string)" })
      .regex(/^[A-Za-z0-9._-]{1,249}$/, "topic must be 1–249 characters of letters, digits, '.', '_' and '-'"),
    num: z
      .number({ error: "num is required (an integer)" })
      .int("num must be an integer")
      .min(1, "num must be at least 1")
      .max(MAX_NUM, `num must be at most ${MAX_NUM}`),
    data: z.unknown().refine((v) => v !== undefined && v !== null, "data is required: a string (sent as is) or any JSON value"),
    key: z.string({ error: "key must be a string" }).max(1_024, "key must be at most 1024 characters").optional(),
  })
  .strict();

export type PushRequest = z.infer<typeof pushRequestSchema>;

export interface FieldError {
  field: string;
  message: string;
}

export interface PushRecord {
  key: Buffer | null;
  value: Buffer;
  messageId: string;
}

export type ParsedPush = { ok: true; push: PushRequest; value: Buffer } | { ok: false; errors: FieldError[] };

/** A string is sent as its UTF-8 bytes, so a test can push deliberately broken JSON; anything else as JSON. */
export function encodeData(data: unknown): Buffer {
  return Buffer.from(typeof data === "string" ? data : JSON.stringify(data), "utf8");
}

export function parsePushRequest(body: unknown): ParsedPush {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ field: "body", message: "expected a JSON object {topic, num, data}" }] };
  }
  const result = pushRequestSchema.safeParse(body);
  if (!result.success) {
    const errors = result.error.issues.flatMap((issue): FieldError[] =>
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => ({ field: key, message: `unknown field ${key}` }))
        : [{ field: issue.path.join(".") || "body", message: issue.message }],
    );
    return { ok: false, errors };
  }
  const push = result.data;
  const value = encodeData(push.data);
  const total = push.num * (value.length + Buffer.byteLength(push.key ?? "") + RECORD_OVERHEAD_BYTES);
  if (total > MAX_PUSH_BYTES) {
    return {
      ok: false,
      errors: [{ field: "num", message: `num × the size of data is ${total} bytes; one push sends at most ${MAX_PUSH_BYTES}` }],
    };
  }
  return { ok: true, push, value };
}

/** `num` copies of the data, each with its own message id so the consumer can tell a copy from a duplicate. */
export function pushRecords(push: PushRequest, value: Buffer): PushRecord[] {
  const key = push.key === undefined ? null : Buffer.from(push.key, "utf8");
  return Array.from({ length: push.num }, () => ({ key, value, messageId: randomUUID() }));
}
