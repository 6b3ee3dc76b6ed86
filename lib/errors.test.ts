import { describe, expect, it, vi } from "vitest";

describe("RedriveError across module copies", () => {
  it("is recognised by instanceof and isErrorKind when thrown by another copy of lib/errors", async () => {
    const first = await import("./errors");
    vi.resetModules();
    const second = await import("./errors");
    expect(second.RedriveError).not.toBe(first.RedriveError);

    const thrown = new first.RedriveError("kafka_unavailable", "Kafka at 127.0.0.1:9092 is not reachable");
    expect(thrown instanceof second.RedriveError).toBe(true);
    expect(second.isErrorKind(thrown, "kafka_unavailable")).toBe(true);
    expect(second.isErrorKind(thrown, "not_found")).toBe(false);
    expect(new Error("plain") instanceof second.RedriveError).toBe(false);
  });
});
