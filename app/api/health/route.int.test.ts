// GET /api/health: public, answers without Kafka or a store, and names the release (package.json's version).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { healthSchema } from "@/lib/contract/schemas";
import { GET } from "./route";

const packageVersion = (JSON.parse(readFileSync(join(process.cwd(), "package.json"), "utf8")) as { version: string }).version;

describe("GET /api/health", () => {
  it("answers ok with package.json's version", async () => {
    const response = await GET(new Request("http://console.test/api/health"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    const body = healthSchema.parse(await response.json());
    expect(body).toEqual({ status: "ok", version: packageVersion });
    expect(packageVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});
