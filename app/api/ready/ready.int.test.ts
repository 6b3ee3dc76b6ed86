// GET /api/ready against the real broker and store: anyone learns only {ok}; a viewer (token or session) also sees
// which brokers and store were checked. A token that no longer works is an anonymous caller, not a failed probe.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tokenFor } from "@/test/api-client";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-ready-"));
delete process.env.DATABASE_URL;

const ready = await import("./route");
const { getStore } = await import("@/lib/store/store");

// Opening and migrating a new store can take longer than readiness waits for it on a busy machine.
beforeAll(async () => void (await getStore()));

const get = async (headers: Record<string, string> = {}) => {
  const response = await ready.GET(new Request("http://localhost/api/ready", { headers }), { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as unknown };
};

describe("GET /api/ready", () => {
  it("tells an anonymous caller only whether the console is ready", async () => {
    expect(await get()).toEqual({ status: 200, body: { ok: true } });
    expect(await get({ authorization: "Bearer rdv_not-a-real-token" })).toEqual({ status: 200, body: { ok: true } });
  });

  it("shows a viewer the brokers and the store it checked", async () => {
    const answer = await get({ authorization: `Bearer ${await tokenFor("viewer")}` });
    expect(answer).toEqual({
      status: 200,
      body: { ok: true, ready: true, kafka: { ok: true, brokers: ["127.0.0.1:9092"] }, store: { ok: true, kind: "pglite" } },
    });
  });
});
