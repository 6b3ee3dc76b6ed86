import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@/lib/contract/schemas";
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
  it("writes CSV with RFC 4180 quoting and defused formula cells, quoted", () => {
    expect(csvHeader()).toBe("seq,at,actor,role,action,cluster,topic,partition,offset,target,details,hash\r\n");
    const details = `"{""reason"":""bad, \\""very\\""""}"`;
    expect(csvLine(entry)).toBe(`7,2026-11-23T09:30:00.000Z,"'@alice",operator,message.discard,default,orders.DLT,0,42,,${details},ab\r\n`);
  });

  const lineStart = (cell: string) => `7,2026-11-23T09:30:00.000Z,${cell},operator,`;

  it.each([
    ["=1+1", `"'=1+1"`],
    ["+1", `"'+1"`],
    ["-1", `"'-1"`],
    ["@SUM(A1)", `"'@SUM(A1)"`],
    ["\t=1", `"'\t'=1"`],
    ["\r=1", `"'\r'=1"`],
  ])("neutralises a cell starting with a formula trigger: %j", (actor, cell) => {
    expect(csvLine({ ...entry, actor }).slice(0, lineStart(cell).length)).toBe(lineStart(cell));
  });

  it.each([
    ["x;=cmd|' /C calc'!A0", `"x;'=cmd|' /C calc'!A0"`],
    ["x,=1", `"x,'=1"`],
    ["x\t@A1", `"x\t'@A1"`],
    ['x;"=1"', `"x;'""=1"""`],
    ["x\n-2", `"x\n'-2"`],
  ])("neutralises a trigger after a separator inside the cell, where another separator would start a cell: %j", (actor, cell) => {
    expect(csvLine({ ...entry, actor }).slice(0, lineStart(cell).length)).toBe(lineStart(cell));
  });

  it("leaves harmless text as it was", () => {
    for (const actor of ["alice", "a-b", "2026-11-23", "x; y", "mail@example.com", "'=already"]) {
      expect(csvLine({ ...entry, actor })).toContain(`,${/[;,]/.test(actor) ? `"${actor}"` : actor},operator,`);
    }
  });

  it("writes one JSON object per line", () => {
    expect(JSON.parse(jsonLine(entry))).toEqual(entry);
    expect(jsonLine(entry).endsWith("\n")).toBe(true);
  });
});
