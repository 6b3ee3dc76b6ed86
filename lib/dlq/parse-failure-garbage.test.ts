import { describe, expect, it } from "vitest";
import { conventionHeaderNames, FAILURE_CONVENTIONS } from "./failure-conventions";
import { failureFingerprint } from "./fingerprint";
import { str } from "./java-header.fixture";
import { parseFailureHeaders, type CustomHeaderMapping } from "./parse-failure";
import type { RecordHeader } from "./record-header";

// mulberry32: a small seeded PRNG, so a failing case can be replayed.
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const custom: CustomHeaderMapping = {
  name: "fuzz",
  originalPartition: "fuzz-partition",
  originalOffset: "fuzz-offset",
  message: "fuzz-message",
};
const NAMES = [...new Set(FAILURE_CONVENTIONS.flatMap(conventionHeaderNames)), "fuzz-partition", "fuzz-offset", "fuzz-message"];
const CONVENTIONS = [...FAILURE_CONVENTIONS.map((spec) => spec.convention), "custom", "unknown"];
// Widths that collide with the binary readers, plus text-looking digits, come up often on purpose.
const INTERESTING_LENGTHS = [0, 1, 3, 4, 8, 9];
const DIGITS = Buffer.from("-0123456789 ");

function randomValue(random: () => number): Buffer | null {
  const kind = random();
  if (kind < 0.1) return null;
  const length = kind < 0.6 ? INTERESTING_LENGTHS[Math.floor(random() * INTERESTING_LENGTHS.length)]! : Math.floor(random() * 40);
  const alphabet = kind > 0.85 ? DIGITS : null;
  const value = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    value[i] = alphabet ? alphabet[Math.floor(random() * alphabet.length)]! : Math.floor(random() * 256);
  }
  return value;
}

describe("parseFailureHeaders on random bytes", () => {
  it("never throws and only returns well-formed fields", () => {
    const random = prng(20_261_123);
    for (let run = 0; run < 5_000; run++) {
      const headers: RecordHeader[] = [];
      const count = 1 + Math.floor(random() * 6);
      for (let i = 0; i < count; i++) {
        headers.push({ key: NAMES[Math.floor(random() * NAMES.length)]!, value: randomValue(random) });
      }
      const context = `run ${run}: ${JSON.stringify(headers.map((h) => [h.key, h.value?.toString("hex") ?? null]))}`;
      const failure = parseFailureHeaders(headers, run % 2 === 0 ? [custom] : []);
      expect(CONVENTIONS, context).toContain(failure.convention);
      if (failure.originalPartition !== null) expect(Number.isInteger(failure.originalPartition), context).toBe(true);
      if (failure.originalOffset !== null) expect(failure.originalOffset, context).toMatch(/^\d+$/);
      if (failure.originalTimestamp !== null) expect(failure.originalTimestamp, context).toMatch(/Z$/);
      expect(failureFingerprint(failure), context).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it("never throws for any known header on its own, over a few thousand random values", () => {
    const random = prng(42);
    for (const key of NAMES) {
      for (let run = 0; run < 40; run++) {
        expect(() => parseFailureHeaders([{ key, value: randomValue(random) }], [custom])).not.toThrow();
      }
    }
  });
});

describe("parseFailureHeaders: garbage bytes", () => {
  it("parses what it can and leaves the rest null", () => {
    const failure = parseFailureHeaders([
      str("kafka_dlt-original-topic", "orders"),
      { key: "kafka_dlt-original-partition", value: Buffer.from([0, 0, 1]) },
      { key: "kafka_dlt-original-offset", value: null },
      { key: "kafka_dlt-original-timestamp", value: Buffer.from([0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) },
      { key: "kafka_dlt-exception-message", value: Buffer.from([0x4f, 0xff, 0x6b]) },
      str("kafka_dlt-exception-fqcn", "java.lang.RuntimeException"),
    ]);
    expect(failure).toMatchObject({
      convention: "spring-dlt",
      originalTopic: "orders",
      originalPartition: null,
      originalOffset: null,
      originalTimestamp: null,
      message: null,
      exceptionClass: "java.lang.RuntimeException",
    });
  });
});
