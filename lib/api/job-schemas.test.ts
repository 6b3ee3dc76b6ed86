import { describe, expect, it } from "vitest";
import { jobRequestSchema } from "./job-schemas";

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

  it("takes either a filter or a list of messages", () => {
    expect(issues({ action: "redeliver" })).toEqual(["filter: give either a filter or a list of messages"]);
    expect(issues({ action: "redeliver", filter: {}, messages: [{ partition: 0, offset: "1" }] })).toEqual(["filter: give either a filter or a list of messages"]);
    expect(issues({ action: "redeliver", messages: [{ partition: 0, offset: "1" }] })).toEqual([]);
  });
});
