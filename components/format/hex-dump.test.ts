import { describe, expect, it } from "vitest";
import { formatHexBytes, hexDump, hexDumpLine, hexDumpLineCount } from "./hex-dump";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("hexDumpLine", () => {
  it("prints offset, two groups of eight bytes and the ASCII column", () => {
    const text = new TextEncoder().encode('{"id": 123}\n');
    const line = hexDumpLine(Uint8Array.from([...text, 0x00, 0xff, 0xfe, 0x41]), 0);
    expect(line).toBe('00000000  7b 22 69 64 22 3a 20 31  32 33 7d 0a 00 ff fe 41  |{"id": 123}....A|');
  });

  it("pads a short last line so the ASCII column stays aligned", () => {
    const [first, last] = hexDump(Uint8Array.from({ length: 19 }, (_, i) => 0x41 + i));
    expect(last).toBe(`00000010  51 52 53${"   ".repeat(5)} ${"   ".repeat(8)}  |QRS|`);
    expect(last!.indexOf("|")).toBe(first!.indexOf("|"));
  });

  it("shows control characters, DEL and bytes above 0x7f as dots", () => {
    expect(hexDumpLine(bytes(0x09, 0x0a, 0x1f, 0x7f, 0x80, 0xc3, 0xa9, 0x20, 0x7e), 0)).toMatch(/\|\.{7} ~\|$/);
  });

  it("counts offsets in hex", () => {
    const dump = hexDump(new Uint8Array(48));
    expect(dump.map((line) => line.slice(0, 8))).toEqual(["00000000", "00000010", "00000020"]);
  });
});

describe("hexDumpLineCount", () => {
  it("rounds up to whole lines", () => {
    expect(hexDumpLineCount(0)).toBe(0);
    expect(hexDumpLineCount(1)).toBe(1);
    expect(hexDumpLineCount(16)).toBe(1);
    expect(hexDumpLineCount(17)).toBe(2);
    expect(hexDumpLineCount(1024 * 1024)).toBe(65536);
  });
});

describe("formatHexBytes", () => {
  it("prints two lowercase digits per byte", () => {
    expect(formatHexBytes(bytes(0, 1, 0xab, 0xff))).toBe("00 01 ab ff");
    expect(formatHexBytes(bytes())).toBe("");
  });
});
