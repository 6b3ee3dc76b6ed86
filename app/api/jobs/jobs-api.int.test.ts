// The bulk-job routes over HTTP semantics: bodies validated with errors naming the field, a dry run that changes
// nothing, 202 with the job id, the job and the list readable by viewers, pause/resume/cancel with 409 when the
// state forbids it, and 403 for viewers who try to act.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KafkaSeed, uniqueName } from "@/e2e/support/kafka-seed";
import type { Job, JobDetails, JobDryRun, JobList } from "@/lib/contract/job-schemas";
import { callGet, callPost } from "@/test/api-client";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-jobs-api-"));
delete process.env.DATABASE_URL;

const { getStore } = await import("@/lib/store/store");
const { insertJob } = await import("@/lib/store/job-queries");
const { seedDlq } = await import("@/lib/triage/jobs.fixture");
const createRoute = await import("../clusters/[cluster]/dlqs/[topic]/jobs/route");
const listRoute = await import("./route");
const jobRoute = await import("./[id]/route");
const commandRoute = await import("./[id]/[command]/route");

const seed = new KafkaSeed();
let target = "";
let dlq = "";
const createUrl = () => `/api/clusters/default/dlqs/${dlq}/jobs`;
const createParams = () => ({ cluster: "default", topic: dlq });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  target = await seed.createTopic(uniqueName("orders"), 1);
  dlq = `${target}.DLT`;
  await seedDlq(await getStore(), dlq, [
    { originalTopic: target, exceptionClass: "com.shop.OrderNotFound", count: 30 },
    { originalTopic: null, exceptionClass: "com.shop.Orphan", count: 2 },
  ]);
}, 60_000);

afterAll(() => seed.cleanup());

describe("POST /api/clusters/{c}/dlqs/{topic}/jobs", () => {
  it("names what is wrong with a body", async () => {
    for (const [body, field] of [
      [{ action: "resend", filter: {} }, "action"],
      [{ action: "redeliver" }, "filter"],
      [{ action: "redeliver", filter: {}, messages: [{ partition: 0, offset: "1" }] }, "filter"],
      [{ action: "discard", filter: {} }, "reason"],
      [{ action: "discard", filter: {}, reason: "x", targetTopic: target }, "targetTopic"],
      [{ action: "redeliver", filter: {}, ratePerSecond: 0 }, "ratePerSecond"],
      [{ action: "redeliver", filter: { from: "yesterday" } }, "filter.from"],
      [{ action: "redeliver", filter: { from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" } }, "filter.to"],
      [{ action: "redeliver", messages: [{ partition: 0, offset: "one" }] }, "messages.0.offset"],
      [{ action: "redeliver", filter: {}, targetTopic: uniqueName("missing") }, "targetTopic"],
      [{ action: "redeliver", filter: { fingerprint: "no-such-group" } }, "nothing to do"],
      [{ action: "redeliver", filter: {}, failedIn: "0f8e2d1c-aaaa-4bbb-8ccc-123456789abc" }, "filter"],
      [{ action: "redeliver", failedIn: "job-1" }, "failedIn"],
      [{ action: "redeliver", failedIn: "0f8e2d1c-aaaa-4bbb-8ccc-123456789abc" }, "failedIn: no job"],
    ] as const) {
      const response = await callPost(createRoute.POST, createUrl(), createParams(), body);
      const error = await errorOf(response);
      expect([response.status, error.code], JSON.stringify(body)).toEqual([422, "validation_failed"]);
      expect(error.message).toContain(field);
    }
  });

  it("answers a dry run with the count, the targets and a sample, creating nothing", async () => {
    const response = await callPost(createRoute.POST, createUrl(), createParams(), { action: "redeliver", filter: {}, dryRun: true });
    expect(response.status).toBe(200);
    const dry = (await response.json()) as JobDryRun;
    expect(dry.count).toBe(32);
    expect(dry.targets).toEqual([
      { topic: target, count: 30, exists: true, refusal: null },
      { topic: null, count: 2, exists: false, refusal: null },
    ]);
    expect(dry.sample.map((m) => m.offset)).toEqual(["0", "1", "2", "3", "4"]);
    const list = (await (await callGet(listRoute.GET, `/api/jobs?topic=${dlq}`, {})).json()) as JobList;
    expect(list.jobs).toHaveLength(0);

    // A text filter narrows the job as it narrows the list: keys order-3, order-30 and order-31.
    const searched = (await (
      await callPost(createRoute.POST, createUrl(), createParams(), { action: "redeliver", filter: { q: "order-3" }, dryRun: true })
    ).json()) as JobDryRun;
    expect(searched.count).toBe(3);
    expect(searched.sample.map((m) => m.offset)).toEqual(["3", "30", "31"]);
  });

  it("creates a job (202), shows it to viewers, and lets operators pause, resume and cancel it", async () => {
    const response = await callPost(createRoute.POST, createUrl(), createParams(), {
      action: "discard",
      messages: [
        { partition: 0, offset: "3" },
        { partition: 0, offset: "1" },
        { partition: 0, offset: "3" },
      ],
      reason: "test records",
      ratePerSecond: 5,
    });
    expect(response.status).toBe(202);
    const { jobId, total } = (await response.json()) as { jobId: string; total: number };
    expect(total).toBe(2);

    const job = (await (await callGet(jobRoute.GET, `/api/jobs/${jobId}`, { id: jobId })).json()) as JobDetails;
    expect(job).toMatchObject({
      id: jobId,
      action: "discard",
      topic: dlq,
      state: "running",
      total: 2,
      remaining: 2,
      selector: { kind: "messages", count: 3 },
      reason: "test records",
      failures: [],
    });
    expect(job.createdBy).toMatch(/^token:test-operator-/);
    const list = (await (await callGet(listRoute.GET, `/api/jobs?cluster=default&topic=${dlq}&state=running`, {})).json()) as JobList;
    expect(list.jobs.map((j: Job) => j.id)).toEqual([jobId]);

    const command = (name: string, role: "operator" | "viewer" = "operator") =>
      callPost(commandRoute.POST, `/api/jobs/${jobId}/${name}`, { id: jobId, command: name }, {}, role);
    expect((await command("pause", "viewer")).status).toBe(403);
    const paused = await command("pause");
    expect([paused.status, ((await paused.json()) as Job).state]).toEqual([200, "paused"]);
    const again = await command("pause");
    expect([again.status, (await errorOf(again)).message]).toEqual([409, "Cannot pause: the job is paused"]);
    expect(((await (await command("resume")).json()) as Job).state).toBe("running");
    expect(((await (await command("cancel")).json()) as Job).state).toBe("cancelled");
    const late = await command("resume");
    expect([late.status, (await errorOf(late)).message]).toEqual([409, "Cannot resume: the job is already cancelled"]);
    expect((await command("restart")).status).toBe(404);
  });

  it("lists jobs newest first, a page at a time", async () => {
    const ids: string[] = [];
    for (const offset of ["10", "11", "12"]) {
      const response = await callPost(createRoute.POST, createUrl(), createParams(), {
        action: "discard",
        messages: [{ partition: 0, offset }],
        reason: "paging",
        ratePerSecond: 1,
      });
      ids.unshift(((await response.json()) as { jobId: string }).jobId);
    }
    const first = (await (await callGet(listRoute.GET, `/api/jobs?topic=${dlq}&limit=2`, {})).json()) as JobList;
    expect(first.jobs.map((j) => j.id)).toEqual(ids.slice(0, 2));
    const second = (await (
      await callGet(listRoute.GET, `/api/jobs?topic=${dlq}&limit=2&cursor=${first.nextCursor}`, {})
    ).json()) as JobList;
    expect(second.jobs.map((j) => j.id)).toEqual([ids[2], expect.any(String)]);
  });

  it("refuses viewers, unknown jobs and bad list parameters", async () => {
    expect((await callPost(createRoute.POST, createUrl(), createParams(), { action: "redeliver", filter: {} }, "viewer")).status).toBe(403);
    const missing = await callGet(jobRoute.GET, "/api/jobs/nope", { id: "nope" });
    expect([missing.status, (await errorOf(missing)).code]).toEqual([404, "not_found"]);
    const badState = await callGet(listRoute.GET, "/api/jobs?state=finished", {});
    expect([badState.status, (await errorOf(badState)).message]).toEqual([400, expect.stringContaining('"state"')]);
    expect((await callGet(listRoute.GET, "/api/jobs?cursor=abc", {})).status).toBe(400);
  });
});

describe("GET /api/jobs?cluster=", () => {
  it("lists only the jobs on that cluster, nothing for a cluster without jobs, and 400 for an empty id", async () => {
    // A job on the same DLQ name on another cluster, written through the store (this console has one cluster).
    const elsewhere = "0f8e2d1c-5ec0-4bbb-8ccc-123456789abc";
    const store = await getStore();
    await store.db.transaction((tx) =>
      insertJob(
        tx,
        {
          id: elsewhere,
          cluster: "second",
          topic: dlq,
          action: "discard",
          selector: { kind: "messages", count: 0 },
          reason: "elsewhere",
          actor: "test",
        },
        { messages: [] },
      ),
    );
    const list = async (search: string) =>
      ((await (await callGet(listRoute.GET, `/api/jobs?topic=${dlq}&${search}`, {})).json()) as JobList).jobs;

    expect((await list("cluster=second")).map((j) => [j.id, j.cluster])).toEqual([[elsewhere, "second"]]);
    const onDefault = await list("cluster=default");
    expect(onDefault.length).toBeGreaterThan(0);
    expect(onDefault.every((j) => j.cluster === "default")).toBe(true);
    expect((await list("")).map((j) => j.id)).toContain(elsewhere);
    expect(await list("cluster=no-such-cluster")).toEqual([]);

    const empty = await callGet(listRoute.GET, "/api/jobs?cluster=", {});
    expect([empty.status, (await errorOf(empty)).message]).toEqual([400, expect.stringContaining('"cluster"')]);
  });
});
