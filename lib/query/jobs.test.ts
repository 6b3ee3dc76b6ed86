import { describe, expect, it } from "vitest";
import type { JobStateName } from "@/lib/contract/job-schemas";
import { jobRefetchInterval } from "./jobs";

describe("jobRefetchInterval", () => {
  const now = Date.parse("2026-11-23T09:30:00.000Z");
  const job = (state: JobStateName, finishedAt: string | null = null) => ({ state, finishedAt });

  it("polls every second while a job moves and every two while it is paused", () => {
    expect(jobRefetchInterval(job("running"), now)).toBe(1_000);
    expect(jobRefetchInterval(job("waiting"), now)).toBe(1_000);
    expect(jobRefetchInterval(job("paused"), now)).toBe(2_000);
  });

  it("follows a cancelled job until its last batch has landed, then stops", () => {
    expect(jobRefetchInterval(job("cancelled", "2026-11-23T09:29:55.000Z"), now)).toBe(2_000);
    expect(jobRefetchInterval(job("cancelled", "2026-11-23T09:29:00.000Z"), now)).toBe(false);
  });

  it("never polls a completed job, or none at all", () => {
    expect(jobRefetchInterval(job("completed", "2026-11-23T09:29:59.000Z"), now)).toBe(false);
    expect(jobRefetchInterval(undefined, now)).toBe(false);
  });
});
