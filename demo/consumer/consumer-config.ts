// The consumer worker's configuration: environment variables and the `--fixed` flag, checked with zod.
import { parseArgs } from "node:util";
import { z } from "zod";
import { brokersSchema, logLevelSchema, parseEnv, portSchema } from "../demo-env";
import { OFFER_HANDLERS, type OfferType } from "./offer-handlers";

export const DEFAULT_TOPICS = "demo.offers.banner=banner,demo.offers.video=video,demo.offers.native=native";

const offerTypes = Object.keys(OFFER_HANDLERS) as [OfferType, ...OfferType[]];
const topicName = /^[A-Za-z0-9._-]{1,249}$/;

const topicsSchema = z
  .string()
  .default(DEFAULT_TOPICS)
  .transform((text) =>
    text
      .split(",")
      .map((pair) => pair.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z
          .string()
          .transform((pair) => {
            const [topic = "", handler = ""] = pair.split("=");
            return { topic, handler };
          })
          .pipe(
            z.object({
              topic: z.string().regex(topicName, "expected topic=handler with a valid topic name"),
              handler: z.enum(offerTypes, { error: `expected topic=handler with handler one of ${offerTypes.join(", ")}` }),
            }),
          ),
      )
      .min(1, "expected at least one topic=handler"),
  );

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

const envSchema = z.object({
  KAFKA_BROKERS: brokersSchema,
  DEMO_CONSUMER_GROUP: z.string().min(1).max(249).default("demo.offers-worker"),
  /** topic=handler pairs; every topic's failures go to `<topic><DLT suffix>`. */
  DEMO_CONSUMER_TOPICS: topicsSchema,
  DEMO_CONSUMER_DLT_SUFFIX: z.string().min(1).default(".DLT"),
  DEMO_CONSUMER_FIXED: flag.default(false),
  /** Shared by every instance of the group: each input partition is written with `<this>-<topic>-<partition>`; by default the group. */
  DEMO_CONSUMER_TRANSACTIONAL_ID: z.string().min(1).optional(),
  DEMO_CONSUMER_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1_000).default(16),
  DEMO_CONSUMER_CHUNK: z.coerce.number().int().min(1).max(10_000).default(200),
  DEMO_CONSUMER_HANDLER_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  DEMO_CONSUMER_RETRIES: z.coerce.number().int().min(0).max(20).default(3),
  DEMO_CONSUMER_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).default(200),
  DEMO_CONSUMER_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).default(10_000),
  DEMO_CONSUMER_COMMIT_DELAY_MS: z.coerce.number().int().min(0).max(20_000).default(0),
  DEMO_CONSUMER_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// URL")
    .optional(),
  DEMO_CONSUMER_DATA_DIR: z.string().min(1).default("./.redrive-demo-consumer"),
  CONSUMER_PORT: portSchema(8900),
  CONSUMER_HOST: z.string().min(1).default("127.0.0.1"),
  LOG_LEVEL: logLevelSchema,
});

export type ConsumerEnv = z.infer<typeof envSchema>;

export interface ConsumerConfig extends ConsumerEnv {
  transactionalIdPrefix: string;
  fixed: boolean;
}

/** `--fixed` (or DEMO_CONSUMER_FIXED=1) runs the corrected release, in which 970×250 billboards pass. */
export function consumerConfig(env: Record<string, string | undefined>, argv: string[]): ConsumerConfig {
  const { values } = parseArgs({ args: argv, options: { fixed: { type: "boolean", default: false } }, strict: true });
  const parsed = parseEnv(envSchema, env);
  return {
    ...parsed,
    fixed: values.fixed || parsed.DEMO_CONSUMER_FIXED,
    transactionalIdPrefix: parsed.DEMO_CONSUMER_TRANSACTIONAL_ID ?? parsed.DEMO_CONSUMER_GROUP,
  };
}
