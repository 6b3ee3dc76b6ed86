// The API across a broker restart, in one server process: 200 while Kafka is up, a clear 503 while it is
// down (for the cluster reads and for readiness), and 200 again once it is back — without any restart of ours.
// It runs its own broker on another port so the shared test broker is never disturbed.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PORT = 19092;
const brokerEnv = { ...process.env, KAFKA_PORT: String(PORT), KAFKA_CONTROLLER_PORT: "19093", KAFKA_HEAP: "384m" };
const kafkaScript = (name: string) => execFileSync("bash", [join("scripts", "kafka", `${name}.sh`)], { env: brokerEnv, stdio: "pipe" });

process.env.KAFKA_BROKERS = `127.0.0.1:${PORT}`;
process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-restart-"));
delete process.env.DATABASE_URL;

const topics = await import("./clusters/[cluster]/topics/route");
const ready = await import("./ready/route");
const { getAuthContext } = await import("@/lib/auth/server-auth");
const { createToken } = await import("@/lib/auth/tokens");
const { createUser } = await import("@/lib/auth/users");
const { systemActor } = await import("@/lib/auth/actor");
const { store } = await getAuthContext();
await createUser(store, systemActor("test"), { username: "admin", password: "restart-test-password", role: "admin" });
const { token } = await createToken(store, systemActor("test"), { name: "restart-test", role: "viewer" });

// Route handlers are called as Next calls them: a Request and a promise of the route's params.
type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;
const call = async <P>(handler: RouteHandler<P>, params = {} as P) => {
  const request = new Request("http://localhost/api", { headers: { authorization: `Bearer ${token}` } });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { status: response.status, body: await response.json() };
};

beforeAll(() => void kafkaScript("start"), 120_000);
afterAll(() => void kafkaScript("stop"), 60_000);

describe("a broker restart", () => {
  it("turns into 503 while the broker is down and recovers by itself", async () => {
    const before = await call(topics.GET, { cluster: "default" });
    expect(before.status).toBe(200);
    expect(Array.isArray(before.body)).toBe(true);
    expect((await call(ready.GET)).status).toBe(200);

    kafkaScript("stop");
    const down = await call(topics.GET, { cluster: "default" });
    expect(down).toEqual({
      status: 503,
      body: { error: { code: "kafka_unavailable", message: `Kafka at 127.0.0.1:${PORT} is not reachable` } },
    });
    const notReady = await call(ready.GET);
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ ready: false, kafka: { ok: false }, store: { ok: true, kind: "pglite" } });

    kafkaScript("start");
    const after = await call(topics.GET, { cluster: "default" });
    expect(after.status).toBe(200);
    expect((await call(ready.GET)).body).toMatchObject({ ready: true, kafka: { ok: true } });
  }, 180_000);

  it("answers 404 in the API's error shape for an unknown cluster", async () => {
    expect(await call(topics.GET, { cluster: "nope" })).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: 'Cluster "nope" is not configured' } },
    });
  });
});
