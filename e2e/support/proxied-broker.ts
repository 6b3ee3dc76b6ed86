// A broker of a test's own behind a KafkaCuttingProxy: the broker listens on `brokerPort` and advertises the
// proxy's port, so every client (Redrive's and the test's) talks to it through the proxy.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { KafkaCuttingProxy } from "./kafka-cutting-proxy";

export class ProxiedBroker {
  readonly proxy: KafkaCuttingProxy;

  /** Uses brokerPort, brokerPort + 1 (its controller) and brokerPort + 2 (the proxy). */
  constructor(readonly brokerPort: number) {
    this.proxy = new KafkaCuttingProxy(brokerPort + 2, brokerPort);
  }

  get brokers(): string[] {
    return [this.proxy.address];
  }

  async start(): Promise<void> {
    this.script("start");
    await this.proxy.start();
  }

  async stop(): Promise<void> {
    await this.proxy.stop();
    this.script("stop");
  }

  private script(name: "start" | "stop"): void {
    const env = {
      ...process.env,
      KAFKA_PORT: String(this.brokerPort),
      KAFKA_CONTROLLER_PORT: String(this.brokerPort + 1),
      KAFKA_ADVERTISED_PORT: String(this.proxy.listenPort),
      KAFKA_HEAP: "384m",
    };
    execFileSync("bash", [join("scripts", "kafka", `${name}.sh`)], { env, stdio: "pipe" });
  }
}
