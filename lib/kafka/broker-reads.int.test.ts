// The brokers read against the single real broker (read only): node 1 up at its address and controller, nothing
// under-replicated or offline; and a cluster that does not answer is "unavailable" (503), not an error page.
import { describe, expect, it } from "vitest";
import { TEST_BROKERS, uniqueName } from "@/e2e/support/kafka-seed";
import type { ClusterConfig } from "@/lib/config/clusters";
import { DEFAULT_DLQ_PATTERN } from "@/lib/env-schema";
import { RedriveError } from "@/lib/errors";
import { brokerNodes, readBrokers } from "./broker-reads";

const clusterOn = (brokers: string[]): ClusterConfig => ({
  id: uniqueName("brokers"),
  name: "test",
  brokers,
  clientId: "redrive-int-test",
  connectionTimeoutMs: 1_000,
  dlqPattern: new RegExp(DEFAULT_DLQ_PATTERN, "i"),
});

describe("readBrokers", () => {
  it("lists the single broker up, as the controller, with no partition short of replicas", async () => {
    const cluster = clusterOn(TEST_BROKERS);
    const read = await readBrokers(cluster);
    expect(read.brokers).toHaveLength(1);
    expect(read.brokers[0]).toMatchObject({ nodeId: 1, up: true });
    expect(read.brokers[0]!.address).toMatch(/:9092$/);
    expect(read.controller).toBe(1);
    expect(read.underReplicated).toEqual([]);
    expect(read.offline).toEqual([]);
    // Remembered, so a failed call can name the node at an address.
    expect(brokerNodes(cluster.id).get(read.brokers[0]!.address!)).toBe(1);
  });

  it("answers kafka_unavailable when no broker answers", async () => {
    const error = await readBrokers(clusterOn(["127.0.0.1:1"])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedriveError);
    expect((error as RedriveError).kind).toBe("kafka_unavailable");
  });
});
