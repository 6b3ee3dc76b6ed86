// The second local broker of the multi-cluster tests: its address, and a start of it (scripts/kafka/start.sh on ports
// 9192/9193, data per port) when nothing answers there. scripts/test.sh starts it before the integration tests.
import { execFileSync } from "node:child_process";
import { Socket } from "node:net";

export const SECOND_BROKERS = (process.env.KAFKA_SECOND_BROKERS ?? "127.0.0.1:9192").split(",");

/** True when something accepts TCP connections at `hostPort`. */
export function answers(hostPort: string, timeoutMs = 1_000): Promise<boolean> {
  const at = hostPort.lastIndexOf(":");
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.connect(Number(hostPort.slice(at + 1)), hostPort.slice(0, at));
  });
}

/** Starts a single local broker on `port` (controller on port + 1) unless one answers there already. */
export async function ensureLocalBroker(port: number): Promise<void> {
  if (await answers(`127.0.0.1:${port}`)) return;
  execFileSync("bash", ["scripts/kafka/start.sh"], {
    env: {
      ...process.env,
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(port + 1),
      KAFKA_HEAP: process.env.KAFKA_HEAP ?? "384m",
    },
    stdio: "inherit",
    timeout: 120_000,
  });
}

/** The second broker answers, started here if it is the local default and nothing answered. */
export async function ensureSecondKafka(): Promise<void> {
  if (await answers(SECOND_BROKERS[0]!)) return;
  if (process.env.KAFKA_SECOND_BROKERS) throw new Error(`KAFKA_SECOND_BROKERS ${SECOND_BROKERS.join(",")} does not answer`);
  await ensureLocalBroker(9192);
}
