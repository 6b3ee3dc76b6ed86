// `npm run demo:producer`: the producer service on PRODUCER_PORT (default 8899) until SIGINT/SIGTERM.
import { z } from "zod";
import { brokersSchema, logLevelSchema, parseEnv, portSchema } from "../demo-env";
import { demoLog } from "../demo-log";
import { errorMessage } from "../kafka-errors";
import { startProducerService } from "./producer-service";

const envSchema = z.object({
  KAFKA_BROKERS: brokersSchema,
  PRODUCER_PORT: portSchema(8899),
  PRODUCER_HOST: z.string().min(1).default("127.0.0.1"),
  PRODUCER_SEND_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  LOG_LEVEL: logLevelSchema,
});

async function main() {
  const env = parseEnv(envSchema, process.env);
  const log = demoLog("redrive-demo-producer");
  const service = await startProducerService({
    brokers: env.KAFKA_BROKERS,
    port: env.PRODUCER_PORT,
    host: env.PRODUCER_HOST,
    sendTimeoutMs: env.PRODUCER_SEND_TIMEOUT_MS,
    log,
  });
  log.info({ url: service.url, brokers: env.KAFKA_BROKERS }, `producer service listening: POST ${service.url}/push {topic, num, data}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    void service.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`demo producer: ${errorMessage(error)}`);
  process.exit(1);
});
