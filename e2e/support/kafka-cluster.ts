// A three-node KRaft cluster of the fault suite's own, started with `KAFKA_NODES=3 kafka:start` on FAULT_KAFKA_PORT
// (default 19092), +1 and +2: kill -9 a node, stop and continue it, restart it, and find which node leads a partition
// (asked of the cluster's admin API, never guessed).
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Kafka, logLevel, type Admin } from "kafkajs";

export const NODE_IDS = [1, 2, 3] as const;
export type NodeId = (typeof NODE_IDS)[number];

const SCRIPTS = join(__dirname, "..", "..", "scripts", "kafka");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class KafkaCluster {
  readonly kafka: Kafka;
  private admin?: Admin;
  private readonly paused = new Set<NodeId>();

  constructor(readonly port = Number(process.env.FAULT_KAFKA_PORT ?? 19092)) {
    this.kafka = new Kafka({ clientId: "redrive-fault-suite", brokers: this.brokers, logLevel: logLevel.NOTHING, retry: { retries: 8 } });
  }

  get brokers(): string[] {
    return NODE_IDS.map((n) => this.address(n));
  }

  /** KAFKA_BROKERS for a process that should know every node. */
  get brokerList(): string {
    return this.brokers.join(",");
  }

  address(node: NodeId): string {
    return `127.0.0.1:${this.port + node - 1}`;
  }

  private get env(): NodeJS.ProcessEnv {
    return { ...process.env, KAFKA_NODES: "3", KAFKA_PORT: String(this.port), KAFKA_HEAP: process.env.FAULT_KAFKA_HEAP ?? "384m" };
  }

  private script(name: "start" | "stop" | "status", node?: NodeId): string {
    const env = node === undefined ? this.env : { ...this.env, KAFKA_NODE: String(node) };
    return execFileSync("bash", [join(SCRIPTS, `${name}.sh`)], {
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 150_000,
    });
  }

  /** The directory kafka:start keeps this cluster's nodes in (common.sh's KAFKA_RUN). */
  get runDir(): string {
    const version = process.env.KAFKA_VERSION ?? "4.1.1";
    const home = process.env.KAFKA_HOME ?? join(SCRIPTS, ".kafka");
    return join(home, `run-${version}-${this.port}-x3`);
  }

  /** Starts every node on empty storage (a cluster left over from an earlier run is stopped and wiped first). */
  async startFresh(): Promise<void> {
    this.script("stop");
    rmSync(this.runDir, { recursive: true, force: true });
    this.script("start");
    await this.waitForBrokers(3);
  }

  async stopAll(): Promise<void> {
    await this.disconnect();
    for (const node of NODE_IDS) this.resumeQuietly(node);
    this.script("stop");
  }

  pid(node: NodeId): number | null {
    try {
      const pid = Number(readFileSync(join(this.runDir, `node-${node}`, "broker.pid"), "utf8").trim());
      process.kill(pid, 0);
      return pid;
    } catch {
      return null;
    }
  }

  /** SIGKILL: the node dies at once, with nothing flushed and no controlled shutdown. */
  async kill(node: NodeId): Promise<void> {
    const pid = this.pid(node);
    if (pid === null) throw new Error(`node ${node} is not running`);
    process.kill(pid, "SIGKILL");
    for (let i = 0; i < 100 && this.pid(node) !== null; i++) await sleep(100);
    if (this.pid(node) !== null) throw new Error(`node ${node} (pid ${pid}) outlived SIGKILL for 10 s`);
  }

  /** SIGSTOP: the node keeps its sockets open but answers nothing, like a broker in a long GC pause or a hung disk. */
  pause(node: NodeId): void {
    const pid = this.pid(node);
    if (pid === null) throw new Error(`node ${node} is not running`);
    process.kill(pid, "SIGSTOP");
    this.paused.add(node);
  }

  resume(node: NodeId): void {
    const pid = this.pid(node);
    if (pid === null) throw new Error(`node ${node} is not running`);
    process.kill(pid, "SIGCONT");
    this.paused.delete(node);
  }

  private resumeQuietly(node: NodeId): void {
    const pid = this.pid(node);
    if (pid !== null) process.kill(pid, "SIGCONT");
    this.paused.delete(node);
  }

  /** Starts a node that is down (kafka:start starts only the nodes that do not answer) and waits until it serves. */
  async restart(node: NodeId): Promise<void> {
    this.script("start", node);
    await this.waitForBrokers(3);
  }

  /**
   * Brings the cluster back to three live nodes after a scenario, whatever it left behind: paused nodes continue,
   * dead ones start. Scenarios call it in `finally`, so one that fails leaves no node down for the next.
   */
  async healAll(): Promise<void> {
    for (const node of NODE_IDS) this.resumeQuietly(node);
    const down = NODE_IDS.filter((n) => this.pid(n) === null);
    if (down.length > 0) this.script("start");
    await this.waitForBrokers(3);
  }

  async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  async disconnect(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  /** Runs an admin call, reconnecting once when the node it was connected to has gone. */
  private async withAdmin<T>(call: (admin: Admin) => Promise<T>): Promise<T> {
    try {
      return await call(await this.connectedAdmin());
    } catch {
      await this.disconnect();
      return call(await this.connectedAdmin());
    }
  }

  /** The node that leads `topic`/`partition` now, as the cluster's metadata says. */
  async leaderOf(topic: string, partition = 0): Promise<NodeId> {
    const metadata = await this.withAdmin((admin) => admin.fetchTopicMetadata({ topics: [topic] }));
    const leader = metadata.topics[0]?.partitions.find((p) => p.partitionId === partition)?.leader;
    if (leader === undefined || !NODE_IDS.includes(leader as NodeId))
      throw new Error(`${topic}/${partition} has no leader (metadata says ${leader})`);
    return leader as NodeId;
  }

  /** The node that coordinates a consumer group (where its offsets are committed). */
  async coordinatorOf(groupId: string): Promise<NodeId> {
    const cluster = (this.kafka as unknown as Record<symbol, unknown>)[
      Object.getOwnPropertySymbols(this.kafka).find((s) => s.description === "private:Kafka:createCluster")!
    ] as (options: object) => {
      connect(): Promise<void>;
      disconnect(): Promise<void>;
      findGroupCoordinatorMetadata(a: { groupId: string }): Promise<{ coordinator: { nodeId: number } }>;
    };
    const internal = cluster({});
    await internal.connect();
    try {
      return (await internal.findGroupCoordinatorMetadata({ groupId })).coordinator.nodeId as NodeId;
    } finally {
      await internal.disconnect();
    }
  }

  /** Waits until the admin API lists `count` live brokers. */
  async waitForBrokers(count: number, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const live = await this.withAdmin((admin) => admin.describeCluster()).then(
        (c) => c.brokers.length,
        () => 0,
      );
      if (live >= count) return;
      if (Date.now() > deadline) throw new Error(`only ${live} of ${count} brokers are live after ${timeoutMs / 1000} s`);
      await sleep(500);
    }
  }

  /** Waits until every partition of `topics` has all of its replicas in sync again. */
  async waitForFullIsr(topics: string[], timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const metadata = await this.withAdmin((admin) => admin.fetchTopicMetadata({ topics })).catch(() => null);
      const lagging = metadata?.topics.flatMap((t) =>
        t.partitions.filter((p) => p.isr.length < p.replicas.length).map((p) => `${t.name}/${p.partitionId}`),
      );
      if (lagging && lagging.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(`partitions still under-replicated after ${timeoutMs / 1000} s: ${lagging?.join(", ") ?? "metadata unreadable"}`);
      await sleep(500);
    }
  }
}
