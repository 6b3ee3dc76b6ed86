import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { clusterSchema, readinessSchema } from "@/lib/contract/schemas";
import { apiGet, apiSend, encodePathSegment } from "./api-client";
import { RequestError } from "./request-error";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

function stubFetch(response: Response | Error) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => {
      if (response instanceof Error) throw response;
      return response;
    }),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("apiGet", () => {
  it("parses a successful answer with the schema", async () => {
    stubFetch(json(200, [{ id: "default", name: "local", brokers: ["127.0.0.1:9092"] }]));
    await expect(apiGet("/api/clusters", z.array(clusterSchema))).resolves.toEqual([
      { id: "default", name: "local", brokers: ["127.0.0.1:9092"] },
    ]);
  });

  it("turns an error body into a RequestError with status and code", async () => {
    stubFetch(json(503, { error: { code: "kafka_unavailable", message: "Kafka at 127.0.0.1:9092 is not reachable" } }));
    const error = await apiGet("/api/clusters/default/topics", z.unknown()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ status: 503, code: "kafka_unavailable", message: "Kafka at 127.0.0.1:9092 is not reachable" });
    expect((error as RequestError).isKafkaUnavailable).toBe(true);
  });

  it("keeps the message of an error body whose code this client does not know, as an internal error", async () => {
    stubFetch(json(500, { error: { code: "from_a_newer_server", message: "Something new went wrong" } }));
    await expect(apiGet("/api/x", z.unknown())).rejects.toMatchObject({
      status: 500,
      code: "internal",
      message: "Something new went wrong",
    });
  });

  it("reports a non-JSON error page by its status", async () => {
    stubFetch(new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    await expect(apiGet("/api/x", z.unknown())).rejects.toMatchObject({ status: 502, code: "http_error" });
  });

  it("accepts listed statuses as data (503 from /api/ready)", async () => {
    const body = { ok: false, ready: false, kafka: { ok: false, brokers: ["a:1"], error: "down" }, store: { ok: true, kind: "pglite" } };
    stubFetch(json(503, body));
    await expect(apiGet("/api/ready", readinessSchema, { acceptStatuses: [503] })).resolves.toEqual(body);
  });

  it("rejects an answer that does not match the schema", async () => {
    stubFetch(json(200, [{ id: 1 }]));
    await expect(apiGet("/api/clusters", z.array(clusterSchema))).rejects.toMatchObject({ code: "invalid_response" });
  });

  it("reports an unreachable server as status 0", async () => {
    stubFetch(new TypeError("fetch failed"));
    await expect(apiGet("/api/clusters", z.unknown())).rejects.toMatchObject({ status: 0, code: "network_error" });
  });
});

describe("apiSend", () => {
  it("sends a JSON body and parses the answer", async () => {
    const fetchMock = vi.fn(async () => json(201, { id: "u1" }));
    vi.stubGlobal("fetch", fetchMock);
    await expect(apiSend("POST", "/api/users", { username: "alice" }, z.object({ id: z.string() }))).resolves.toEqual({ id: "u1" });
    expect(fetchMock).toHaveBeenCalledWith(
      "/api/users",
      expect.objectContaining({
        method: "POST",
        body: '{"username":"alice"}',
        headers: expect.objectContaining({ "Content-Type": "application/json" }),
      }),
    );
  });

  it("turns an error body into an RequestError", async () => {
    stubFetch(json(409, { error: { code: "conflict", message: "A user named alice already exists" } }));
    await expect(apiSend("POST", "/api/users", {}, z.unknown())).rejects.toMatchObject({
      status: 409,
      code: "conflict",
      message: "A user named alice already exists",
    });
  });
});

describe("encodePathSegment", () => {
  it("encodes characters that would change the path", () => {
    expect(encodePathSegment("billing/v2 (eu)")).toBe("billing%2Fv2%20(eu)");
    expect(encodePathSegment("a?b#c%")).toBe("a%3Fb%23c%25");
  });

  it("keeps dotted topic names readable", () => {
    expect(encodePathSegment("orders.DLT")).toBe("orders.DLT");
  });
});
