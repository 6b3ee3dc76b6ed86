import { describe, expect, it } from "vitest";
import { detectValueEncoding } from "./value-encoding";

describe("detectValueEncoding", () => {
  it("keeps a tombstone null", () => {
    expect(detectValueEncoding(null)).toBeNull();
  });

  it("calls a 0-length value text", () => {
    expect(detectValueEncoding(Buffer.alloc(0))).toBe("text");
  });

  it.each([`{"orderId":42,"items":[]}`, `[1,2,3]`, `"quoted"`, `42`, `true`, ` {"a":null}\n`])("detects %s as json", (value) =>
    expect(detectValueEncoding(Buffer.from(value))).toBe("json"),
  );

  it("detects JSON with an int64 above 2^53 as json", () => {
    expect(detectValueEncoding(Buffer.from(`{"id":9223372036854775807,"amount":12345678901234567890}`))).toBe("json");
  });

  it.each(["hello world", "{not json", "order 42 failed\n\tat Foo.bar", "   ", "\u001b[31mred\u001b[0m"])("detects %j as text", (value) =>
    expect(detectValueEncoding(Buffer.from(value))).toBe("text"),
  );

  it("detects invalid UTF-8 as binary", () => {
    expect(detectValueEncoding(Buffer.from([0xff, 0xfe, 0x00, 0x01]))).toBe("binary");
  });

  it("detects valid UTF-8 full of control bytes (an Avro record) as binary", () => {
    expect(detectValueEncoding(Buffer.from([0x00, 0x02, 0x0a, 0x6f, 0x72, 0x64, 0x65, 0x72]))).toBe("binary");
  });

  it("calls JSON behind a byte order mark text, as JSON.parse would not read it", () => {
    expect(detectValueEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("{}")]))).toBe("text");
  });

  it("classifies a large value", () => {
    const big = Buffer.from(JSON.stringify({ data: "x".repeat(900 * 1024) }));
    expect(detectValueEncoding(big)).toBe("json");
  });
});
