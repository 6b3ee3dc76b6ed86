import { describe, expect, it } from "vitest";
import { countUnderReplicated, isUnderReplicated } from "./partition-health";

describe("isUnderReplicated", () => {
  it("is true when a replica has fallen out of the ISR", () => {
    expect(isUnderReplicated({ replicas: [1, 2, 3], isr: [1, 3] })).toBe(true);
  });

  it("is false when every replica is in sync", () => {
    expect(isUnderReplicated({ replicas: [1, 2, 3], isr: [3, 1, 2] })).toBe(false);
    expect(isUnderReplicated({ replicas: [1], isr: [1] })).toBe(false);
  });

  it("counts partitions", () => {
    expect(
      countUnderReplicated([
        { replicas: [1, 2], isr: [1] },
        { replicas: [1, 2], isr: [1, 2] },
      ]),
    ).toBe(1);
  });
});
