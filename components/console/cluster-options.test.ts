import { describe, expect, it } from "vitest";
import { clusterOptions } from "./cluster-options";

const clusters = [
  { id: "default", name: "Local" },
  { id: "second", name: "second" },
];

describe("clusterOptions", () => {
  it("names each configured cluster, adding the id only when the name differs from it", () => {
    expect(clusterOptions(clusters, "default")).toEqual([
      { value: "default", label: "Local (default)" },
      { value: "second", label: "second" },
    ]);
    expect(clusterOptions(clusters, undefined)).toHaveLength(2);
  });

  it("keeps a chosen id that is not configured, first and marked", () => {
    expect(clusterOptions(clusters, "gone")[0]).toEqual({ value: "gone", label: "gone (not configured)" });
    expect(clusterOptions(clusters, "gone")).toHaveLength(3);
  });
});
