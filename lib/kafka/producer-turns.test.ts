// The shared producer: one send at a time, and a producer whose send failed is never used again (kafkajs hands the
// failed request's sequence number to the next send, which the broker may then drop as a duplicate).
import { Kafka, type Producer } from "kafkajs";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ClusterConfig } from "@/lib/config/clusters";
import { ProducerUnavailableError, resetClients, withProducer } from "./clients";

let clusters = 0;
const newCluster = (): ClusterConfig => ({
  id: `turns-${++clusters}`,
  name: "test",
  brokers: ["127.0.0.1:1"],
  clientId: "test",
  connectionTimeoutMs: 100,
  dlqPattern: /dlq/,
});

interface FakeProducer {
  id: number;
  disconnected: boolean;
}

/** Kafka.producer hands out fakes that connect (or fail to, when told) and say when they are disconnected. */
function fakeProducers(connectFails = () => false): FakeProducer[] {
  const made: FakeProducer[] = [];
  vi.spyOn(Kafka.prototype, "producer").mockImplementation(() => {
    const fake: FakeProducer = { id: made.length + 1, disconnected: false };
    made.push(fake);
    return {
      connect: async () => {
        if (connectFails()) throw new Error("connect ECONNREFUSED");
      },
      disconnect: async () => void (fake.disconnected = true),
      fake,
    } as unknown as Producer;
  });
  return made;
}

const idOf = (producer: Producer) => (producer as unknown as { fake: FakeProducer }).fake.id;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("withProducer", () => {
  it("lets one send use the producer at a time", async () => {
    fakeProducers();
    const cluster = newCluster();
    const first = deferred();
    const events: string[] = [];
    const a = withProducer(cluster, async () => {
      events.push("a starts");
      await first.promise;
      events.push("a ends");
    });
    const b = withProducer(cluster, async () => void events.push("b starts"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(["a starts"]);
    first.resolve();
    await Promise.all([a, b]);
    expect(events).toEqual(["a starts", "a ends", "b starts"]);
  });

  it("replaces a producer whose send failed before the next send, and keeps one that did not", async () => {
    const made = fakeProducers();
    const cluster = newCluster();
    expect(await withProducer(cluster, async (p) => idOf(p))).toBe(1);
    expect(await withProducer(cluster, async (p) => idOf(p))).toBe(1);
    await expect(withProducer(cluster, async () => Promise.reject(new Error("Request Produce timed out")))).rejects.toThrow("timed out");
    expect(made[0]!.disconnected).toBe(true);
    expect(await withProducer(cluster, async (p) => idOf(p))).toBe(2);
  });

  it("does not disconnect a producer a send is using when the clients are reset, but replaces it afterwards", async () => {
    const made = fakeProducers();
    const cluster = newCluster();
    const sending = deferred();
    const a = withProducer(cluster, async (p) => {
      await sending.promise;
      return idOf(p);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await resetClients(cluster.id);
    expect(made[0]!.disconnected).toBe(false);
    sending.resolve();
    expect(await a).toBe(1);
    expect(await withProducer(cluster, async (p) => idOf(p))).toBe(2);
    expect(made[0]!.disconnected).toBe(true);
  });

  it("says when the producer could not connect, and connects afresh for the next send", async () => {
    let fail = true;
    fakeProducers(() => fail);
    const cluster = newCluster();
    await expect(withProducer(cluster, async () => "sent")).rejects.toBeInstanceOf(ProducerUnavailableError);
    fail = false;
    expect(await withProducer(cluster, async () => "sent")).toBe("sent");
  });

  it("gives bulk jobs a producer of their own that never retries, and single redeliveries an idempotent one", async () => {
    fakeProducers();
    const configs = vi.mocked(Kafka.prototype.producer);
    const cluster = newCluster();
    const single = await withProducer(cluster, async (p) => idOf(p));
    const batch = await withProducer(cluster, async (p) => idOf(p), "batch");
    expect(batch).not.toBe(single);
    expect(configs.mock.calls[0]![0]).toMatchObject({ idempotent: true, maxInFlightRequests: 1 });
    expect(configs.mock.calls[1]![0]).toMatchObject({ idempotent: false, retry: { retries: 0 }, maxInFlightRequests: 1 });
  });
});
