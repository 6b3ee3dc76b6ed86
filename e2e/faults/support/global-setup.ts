// Before the fault suite: the production build the consoles run (built when missing), and a fresh three-node cluster.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { KafkaCluster } from "../../support/kafka-cluster";
import { RESULTS_DIR } from "./results";

export default async function globalSetup(): Promise<void> {
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  if (!existsSync(join(__dirname, "..", "..", "..", ".next", "BUILD_ID"))) {
    console.log("Building the console (next build) for the fault suite…");
    execFileSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  const cluster = new KafkaCluster();
  console.log(`Starting a three-node Kafka cluster on ${cluster.brokerList}…`);
  await cluster.startFresh();
  await cluster.disconnect();
}
