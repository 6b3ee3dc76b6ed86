import { describe, expect, it } from "vitest";
import { jobRequestSchema } from "./job-schemas";
import { discardRequestSchema, redeliverRequestSchema } from "./triage-schemas";

const issues = (body: unknown) => {
  const parsed = jobRequestSchema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("jobRequestSchema", () => {
  it("needs a reason to discard, but not to count a discard in a dry run", () => {
    expect(issues({ action: "discard", filter: {} })).toEqual(["reason: a discard needs a reason"]);
    expect(issues({ action: "discard", filter: {}, reason: "  " })).toEqual(["reason: a discard needs a reason"]);
    expect(issues({ action: "discard", filter: {}, dryRun: true })).toEqual([]);
    expect(issues({ action: "discard", filter: {}, reason: "test data" })).toEqual([]);
  });

  it("takes exactly one of a filter, a list of messages or a job whose failures to act on", () => {
    const oneOf = "filter: give one of a filter, a list of messages or the job whose failures to act on (failedIn)";
    const jobId = "0f8e2d1c-aaaa-4bbb-8ccc-123456789abc";
    expect(issues({ action: "redeliver" })).toEqual([oneOf]);
    expect(issues({ action: "redeliver", filter: {}, messages: [{ partition: 0, offset: "1" }] })).toEqual([oneOf]);
    expect(issues({ action: "redeliver", messages: [{ partition: 0, offset: "1" }], failedIn: jobId })).toEqual([oneOf]);
    expect(issues({ action: "redeliver", messages: [{ partition: 0, offset: "1" }] })).toEqual([]);
    expect(issues({ action: "redeliver", failedIn: jobId })).toEqual([]);
    expect(issues({ action: "discard", failedIn: jobId, reason: "gone for good" })).toEqual([]);
    expect(issues({ action: "redeliver", failedIn: "job 1" })).toEqual(["failedIn: expected a job id"]);
  });

  it("refuses a note or reason holding a NUL character, which the audit log could not keep", () => {
    const nul = "must not contain a NUL character (U+0000)";
    expect(issues({ action: "discard", filter: {}, reason: "bad\u0000data" })).toEqual([`reason: ${nul}`]);
    expect(issues({ action: "redeliver", filter: {}, note: "see\u0000ticket" })).toEqual([`note: ${nul}`]);
    expect(issues({ action: "redeliver", filter: {}, note: "x".repeat(2_001) })).toHaveLength(1);
    const single = (schema: typeof discardRequestSchema | typeof redeliverRequestSchema, body: unknown) => {
      const parsed = schema.safeParse(body);
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    };
    expect(single(discardRequestSchema, { reason: "a\u0000b" })).toEqual([`reason: ${nul}`]);
    expect(single(discardRequestSchema, { reason: "  " })).toEqual(["reason: a discard needs a reason"]);
    expect(single(discardRequestSchema, { reason: " customer deleted " })).toEqual([]);
    expect(single(redeliverRequestSchema, { note: "a\u0000b" })).toEqual([`note: ${nul}`]);
    expect(discardRequestSchema.parse({ reason: " customer deleted " }).reason).toBe("customer deleted");
  });
});
