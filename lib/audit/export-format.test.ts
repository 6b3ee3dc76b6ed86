import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@/lib/api/schemas";
import { csvHeader, csvLine, jsonLine } from "./export-format";

const entry: AuditEntry = {
  seq: "7",
  at: "2026-11-23T09:30:00.000Z",
  actor: "@alice",
  role: "operator",
  action: "message.discard",
  cluster: "default",
  topic: "orders.DLT",
  partition: 0,
  offset: "42",
  target: null,
  details: { reason: 'bad, "very"' },
  source: "192.0.2.7",
  hash: "ab",
};

describe("audit export lines", () => {
  it("writes CSV with RFC 4180 quoting and defused formula cells", () => {
    expect(csvHeader()).toBe("seq,at,actor,role,action,cluster,topic,partition,offset,target,details,hash\r\n");
    expect(csvLine(entry)).toBe(`7,2026-11-23T09:30:00.000Z,'@alice,operator,message.discard,default,orders.DLT,0,42,,"{""reason"":""bad, \\""very\\""""}",ab\r\n`);
  });

  it("writes one JSON object per line", () => {
    expect(JSON.parse(jsonLine(entry))).toEqual(entry);
    expect(jsonLine(entry).endsWith("\n")).toBe(true);
  });
});
