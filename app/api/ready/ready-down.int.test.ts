// GET /api/ready with Kafka unreachable: 503 for everyone, and the reason (brokers, error) only for a viewer.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tokenFor } from "@/test/api-client";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-ready-down-"));
// Nothing listens on port 1, so the connection is refused at once.
process.env.KAFKA_BROKERS = "127.0.0.1:1";
process.env.KAFKA_CONNECTION_TIMEOUT_MS = "500";
delete process.env.DATABASE_URL;

const ready = await import("./route");
const { getStore } = await import("@/lib/store/store");

// Opening and migrating a new store can take longer than readiness waits for it on a busy machine.
beforeAll(async () => void (await getStore()));

const get = async (headers: Record<string, string> = {}) => {
  const response = await ready.GET(new Request("http://localhost/api/ready", { headers }), { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as unknown };
};

describe("GET /api/ready while Kafka is down", () => {
  it("answers 503 {ok: false} to an anonymous caller, naming no broker and no error", async () => {
    expect(await get()).toEqual({ status: 503, body: { ok: false } });
  });

  it("tells a viewer which broker failed and why", async () => {
    const answer = await get({ authorization: `Bearer ${await tokenFor("viewer")}` });
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      ok: false,
      ready: false,
      kafka: { ok: false, brokers: ["127.0.0.1:1"], error: expect.any(String) },
      store: { ok: true },
    });
  });
});
