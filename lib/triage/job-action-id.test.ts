import { describe, expect, it } from "vitest";
import { jobActionId } from "./job-action-id";

describe("jobActionId", () => {
  it("is a version-8, RFC 9562 variant UUID", () => {
    expect(jobActionId("job-1", 1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("is the same for the same job and item, and different for any other", () => {
    expect(jobActionId("job-1", 7)).toBe(jobActionId("job-1", 7));
    const ids = new Set<string>();
    for (const job of ["job-1", "job-2"]) for (let seq = 1; seq <= 5_000; seq++) ids.add(jobActionId(job, seq));
    expect(ids.size).toBe(10_000);
    // Not confusable by concatenation: job "a1" item 1 and job "a" item 11.
    expect(jobActionId("a1", 1)).not.toBe(jobActionId("a", 11));
  });
});
