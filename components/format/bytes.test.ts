import { describe, expect, it } from "vitest";
import { base64ByteLength, base64Bytes, formatByteSize, looksBinary, utf8Prefix } from "./bytes";

const b64 = (bytes: number[] | string) => Buffer.from(bytes as never).toString("base64");

describe("base64Bytes", () => {
  it("decodes all of it by default", () => {
    expect([...base64Bytes(b64([0, 1, 2, 253, 254, 255]))]).toEqual([0, 1, 2, 253, 254, 255]);
    expect([...base64Bytes(b64([7]))]).toEqual([7]);
    expect([...base64Bytes("")]).toEqual([]);
  });

  it("decodes only the first bytes when asked", () => {
    const all = Array.from({ length: 100 }, (_, i) => i);
    for (const max of [0, 1, 2, 3, 4, 5, 50, 99, 100, 1000]) {
      expect([...base64Bytes(b64(all), max)], `max ${max}`).toEqual(all.slice(0, max));
    }
  });
});

describe("utf8Prefix", () => {
  it("drops a character cut off at the end", () => {
    const bytes = new TextEncoder().encode("café ✓");
    expect(utf8Prefix(bytes)).toBe("café ✓");
    expect(utf8Prefix(bytes.subarray(0, bytes.length - 1))).toBe("café ");
    expect(utf8Prefix(bytes.subarray(0, 4))).toBe("caf");
  });

  it("keeps a byte-order mark", () => {
    expect(utf8Prefix(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toBe("\ufeffA");
  });
});

describe("base64ByteLength", () => {
  it("counts decoded bytes", () => {
    for (const n of [0, 1, 2, 3, 4, 5, 1000]) expect(base64ByteLength(b64(Array.from({ length: n }, () => 1)))).toBe(n);
  });
});

describe("formatByteSize", () => {
  it("uses binary units", () => {
    expect(formatByteSize(0)).toBe("0 B");
    expect(formatByteSize(1023)).toBe("1023 B");
    expect(formatByteSize(1536)).toBe("1.5 KiB");
    expect(formatByteSize(1024 * 1024)).toBe("1.0 MiB");
    expect(formatByteSize(3 * 1024 * 1024 + 300_000)).toBe("3.3 MiB");
  });
});

describe("looksBinary", () => {
  it("flags control characters but not whitespace or unicode", () => {
    expect(looksBinary("\u0000\u0000\u0000\u0003")).toBe(true);
    expect(looksBinary("a\u007fb")).toBe(true);
    expect(looksBinary("line one\n\tline two\r\n")).toBe(false);
    expect(looksBinary("café ✓ \ufeff")).toBe(false);
    expect(looksBinary("")).toBe(false);
  });
});
