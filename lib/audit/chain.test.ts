import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";
import { chainLink, entryHash, GENESIS_HASH, type ChainedFields } from "./chain";

const entry = (over: Partial<ChainedFields> = {}): ChainedFields => ({
  seq: 7n,
  at: new Date(Date.UTC(2026, 11, 1, 12, 0, 0, 5)),
  actor: "alice",
  role: "operator",
  action: "message.redeliver",
  cluster: "default",
  topic: "orders.DLT",
  partition: 1,
  offset: 2n ** 63n - 1n,
  target: { topic: "orders", partition: 0, offset: "42" },
  details: { jobId: "j", actionId: "a", note: 'said "no"', "2": 1, "10": 2, nested: { z: [1, { b: 2, a: 1 }] } },
  source: "10.0.0.1",
  ...over,
});

describe("chainLink", () => {
  it("hashes every entry exactly as entryHash does, and gives its target and details as canonical JSON", () => {
    const entries = [
      entry(),
      entry({ role: null, cluster: null, topic: null, partition: null, offset: null, target: null, details: {}, source: null }),
      entry({ target: undefined, details: [] }),
      entry({ actor: 'ünïcode \u2028 "quoted"', details: { error: 'Target topic "x" does not exist\nline 2' } }),
    ];
    let prev = GENESIS_HASH;
    for (const e of entries) {
      const link = chainLink(prev, e);
      expect(link.hash).toBe(entryHash(prev, e));
      expect(link.details).toBe(canonicalJson(e.details));
      expect(link.target).toBe(e.target === null || e.target === undefined ? null : canonicalJson(e.target));
      prev = link.hash;
    }
  });
});
