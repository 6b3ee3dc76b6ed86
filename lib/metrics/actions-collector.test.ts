import { describe, expect, it } from "vitest";
import { actionLabels } from "./actions-collector";

describe("actionLabels", () => {
  it("splits an audit action into kind and result", () => {
    expect(actionLabels("message.redeliver")).toEqual({ kind: "redeliver", result: "ok" });
    expect(actionLabels("message.redeliver_failed")).toEqual({ kind: "redeliver", result: "failed" });
    expect(actionLabels("message.discard")).toEqual({ kind: "discard", result: "ok" });
  });
});
