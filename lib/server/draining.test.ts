// The shutdown's count of requests in flight: it waits for the counted ones, and refuses new ones only when asked.
import { describe, expect, it } from "vitest";
import { countedRequest, refusesRequests, requestsInFlight, startDraining } from "./draining";

describe("draining", () => {
  it("resolves once the requests in flight have finished, and refuses new ones only when told to", async () => {
    let finish!: () => void;
    const running = countedRequest(() => new Promise<string>((resolve) => (finish = () => resolve("answered"))));
    expect(requestsInFlight()).toBe(1);
    let drained = false;
    const draining = startDraining(false).then(() => (drained = true));
    expect(refusesRequests()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(drained).toBe(false);
    finish();
    expect(await running).toBe("answered");
    await draining;
    expect(requestsInFlight()).toBe(0);
    await startDraining(true);
    expect(refusesRequests()).toBe(true);
  });

  it("counts a request that fails as finished", async () => {
    await expect(countedRequest(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(requestsInFlight()).toBe(0);
  });
});
