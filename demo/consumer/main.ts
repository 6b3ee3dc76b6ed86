// `npm run demo:consumer [-- --fixed]`: the DLQ-aware consumer worker and its HTTP side (CONSUMER_PORT, default
// 8900) until SIGINT/SIGTERM, when it stops fetching, finishes and commits the messages in hand, and leaves.
import { demoLog } from "../demo-log";
import { errorMessage } from "../kafka-errors";
import { consumerConfig } from "./consumer-config";
import { startConsumerHttp } from "./consumer-http";
import { ConsumerMetrics } from "./consumer-metrics";
import { OfferWorker } from "./consumer-worker";
import { OFFER_HANDLERS } from "./offer-handlers";
import { ProcessedStore } from "./processed-store";

/** A shutdown that has not finished by then is cut short: a supervisor should not wait forever. */
const SHUTDOWN_DEADLINE_MS = 20_000;

async function main() {
  const config = consumerConfig(process.env, process.argv.slice(2));
  const log = demoLog("redrive-demo-consumer");
  const store = await ProcessedStore.open({ databaseUrl: config.DEMO_CONSUMER_DATABASE_URL, dataDir: config.DEMO_CONSUMER_DATA_DIR });
  const metrics = new ConsumerMetrics();
  const worker = new OfferWorker({
    brokers: config.KAFKA_BROKERS,
    groupId: config.DEMO_CONSUMER_GROUP,
    transactionalIdPrefix: config.transactionalIdPrefix,
    routes: config.DEMO_CONSUMER_TOPICS.map(({ topic, handler }) => ({
      topic,
      dltTopic: `${topic}${config.DEMO_CONSUMER_DLT_SUFFIX}`,
      handler: OFFER_HANDLERS[handler],
    })),
    fixed: config.fixed,
    maxInFlight: config.DEMO_CONSUMER_MAX_IN_FLIGHT,
    chunkSize: config.DEMO_CONSUMER_CHUNK,
    handlerTimeoutMs: config.DEMO_CONSUMER_HANDLER_TIMEOUT_MS,
    retry: {
      retries: config.DEMO_CONSUMER_RETRIES,
      initialDelayMs: config.DEMO_CONSUMER_RETRY_BACKOFF_MS,
      multiplier: 2,
      maxDelayMs: 5_000,
    },
    sessionTimeoutMs: config.DEMO_CONSUMER_SESSION_TIMEOUT_MS,
    commitDelayMs: config.DEMO_CONSUMER_COMMIT_DELAY_MS,
    store,
    metrics,
    log,
  });
  const http = await startConsumerHttp({
    port: config.CONSUMER_PORT,
    host: config.CONSUMER_HOST,
    groupId: config.DEMO_CONSUMER_GROUP,
    fixed: config.fixed,
    worker,
    store,
    metrics,
    log,
  });

  let stopping = false;
  const stop = (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, "stopping: finishing the messages in hand");
    setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    void (async () => {
      await worker.stop().catch((error: unknown) => log.error({ err: errorMessage(error) }, "stopping the consumer failed"));
      http.server.close();
      await store.close();
      log.info("stopped");
      process.exit(code);
    })();
  };
  process.on("SIGINT", () => stop("SIGINT", 0));
  process.on("SIGTERM", () => stop("SIGTERM", 0));
  worker.onFatal((error) => stop(`consumer crashed: ${error.message}`, 1));

  await worker.start();
  log.info(
    { url: http.url, group: config.DEMO_CONSUMER_GROUP, topics: config.DEMO_CONSUMER_TOPICS, fixed: config.fixed },
    `consumer worker started${config.fixed ? " in fixed mode" : ""}: GET ${http.url}/processed?topic=&key=`,
  );
}

main().catch((error: unknown) => {
  console.error(`demo consumer: ${errorMessage(error)}`);
  process.exit(1);
});
