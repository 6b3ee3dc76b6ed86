import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RedriveError } from "@/lib/errors";
import { errorAnswer } from "./errors";
import { assertSameOrigin, MAX_BODY_BYTES, readJson } from "./request-guards";

const post = (headers: Record<string, string>, body?: string) =>
  new Request("http://console.test/api/tokens", { method: "POST", headers: { host: "console.test", ...headers }, body });

const codeOf = async (work: () => unknown) => {
  try {
    await work();
    return "passed";
  } catch (error) {
    if (!(error instanceof RedriveError)) return `threw ${(error as Error).name}`;
    const { status, code } = errorAnswer(error.kind);
    return `${status} ${code}`;
  }
};

describe("assertSameOrigin", () => {
  it("lets the console's own pages and scripts without browser headers through", async () => {
    expect(await codeOf(() => assertSameOrigin(post({ origin: "http://console.test", "sec-fetch-site": "same-origin" })))).toBe("passed");
    expect(await codeOf(() => assertSameOrigin(post({})))).toBe("passed");
  });
  it("refuses another origin and a cross-site fetch", async () => {
    expect(await codeOf(() => assertSameOrigin(post({ origin: "http://evil.example" })))).toBe("403 forbidden");
    expect(await codeOf(() => assertSameOrigin(post({ "sec-fetch-site": "cross-site" })))).toBe("403 forbidden");
    expect(await codeOf(() => assertSameOrigin(post({ origin: "null" })))).toBe("403 forbidden");
  });
});

describe("readJson", () => {
  const schema = z.object({ name: z.string().min(1), role: z.enum(["viewer", "admin"]) });
  const json = { "content-type": "application/json" };

  it("parses and validates a JSON body", async () => {
    expect(await readJson(post(json, '{"name":"ci","role":"viewer"}'), schema)).toEqual({ name: "ci", role: "viewer" });
  });
  it("answers 400 for a body that is not JSON, or not sent as JSON", async () => {
    expect(await codeOf(() => readJson(post(json, '{"name":'), schema))).toBe("400 bad_request");
    expect(await codeOf(() => readJson(post({ "content-type": "application/x-www-form-urlencoded" }, "name=ci"), schema))).toBe(
      "400 bad_request",
    );
  });
  it("answers 413 past the size limit, whatever the declared length", async () => {
    const big = JSON.stringify({ name: "x".repeat(MAX_BODY_BYTES), role: "viewer" });
    expect(await codeOf(() => readJson(post(json, big), schema))).toBe("413 payload_too_large");
  });
  it("names the wrong field", async () => {
    await expect(readJson(post(json, '{"name":"ci","role":"root"}'), schema)).rejects.toMatchObject({ issues: [{ path: ["role"] }] });
  });
});
