import { describe, expect, it } from "vitest";
import { MAX_NUM, MAX_PUSH_BYTES, encodeData, parsePushRequest, pushRecords } from "./push-request";

const fieldsOf = (body: unknown) => {
  const parsed = parsePushRequest(body);
  return parsed.ok ? [] : parsed.errors.map((e) => e.field);
};

describe("parsePushRequest", () => {
  it("accepts {topic, num, data} and an optional key", () => {
    const parsed = parsePushRequest({ topic: "demo.offers.banner", num: 3, data: { offerId: "o-1" }, key: "o-1" });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.toString()).toBe('{"offerId":"o-1"}');
  });

  it("names every missing or malformed field", () => {
    expect(fieldsOf({})).toEqual(["topic", "num", "data"]);
    expect(fieldsOf({ topic: "a b", num: 1, data: 1 })).toEqual(["topic"]);
    expect(fieldsOf({ topic: "t", num: "3", data: 1 })).toEqual(["num"]);
    expect(fieldsOf({ topic: "t", num: 1.5, data: 1 })).toEqual(["num"]);
    expect(fieldsOf({ topic: "t", num: 0, data: 1 })).toEqual(["num"]);
    expect(fieldsOf({ topic: "t", num: MAX_NUM + 1, data: 1 })).toEqual(["num"]);
    expect(fieldsOf({ topic: "t", num: 1, data: null })).toEqual(["data"]);
    expect(fieldsOf({ topic: "t", num: 1, data: 1, key: 7 })).toEqual(["key"]);
    expect(fieldsOf({ topic: "t", num: 1, data: 1, nmu: 2 })).toEqual(["nmu"]);
  });

  it("refuses a body that is not an object", () => {
    for (const body of [null, [], "text", 42]) expect(fieldsOf(body)).toEqual(["body"]);
  });

  it("bounds the bytes of one push, not only the count", () => {
    const data = "x".repeat(10_000);
    expect(parsePushRequest({ topic: "t", num: 90, data }).ok).toBe(true);
    const tooMuch = parsePushRequest({ topic: "t", num: 100, data });
    expect(tooMuch.ok).toBe(false);
    if (!tooMuch.ok) expect(tooMuch.errors[0]!.message).toContain(String(MAX_PUSH_BYTES));
  });
});

describe("encodeData", () => {
  it("sends a string as its bytes (so broken JSON can be pushed) and anything else as JSON", () => {
    expect(encodeData("{not json").toString()).toBe("{not json");
    expect(encodeData("Café").equals(Buffer.from("Café", "utf8"))).toBe(true);
    expect(encodeData({ a: [1, true] }).toString()).toBe('{"a":[1,true]}');
    expect(encodeData(12).toString()).toBe("12");
  });
});

describe("pushRecords", () => {
  it("makes num copies with one message id each", () => {
    const records = pushRecords({ topic: "t", num: 3, data: 1, key: "k" }, Buffer.from("1"));
    expect(records).toHaveLength(3);
    expect(new Set(records.map((r) => r.messageId)).size).toBe(3);
    expect(records.every((r) => r.key?.toString() === "k" && r.value.toString() === "1")).toBe(true);
    expect(pushRecords({ topic: "t", num: 1, data: 1 }, Buffer.from("1"))[0]!.key).toBeNull();
  });
});
