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

  it("never changes: a runner of a later version must find the ids an earlier one sent before a crash", () => {
    expect(jobActionId("0f4e9879-f84a-408d-85ac-724ca65c15a5", 1)).toBe("147cca73-6a0c-83ee-bf08-17c15cf64c71");
    expect(jobActionId("job-1", 20_000)).toBe("ae010d03-0253-8602-839b-f9d54135ed8b");
  });
});
