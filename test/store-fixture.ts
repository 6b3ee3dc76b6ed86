// What the fixture stores in test/fixtures/stores/<version>/ hold (made by scripts/make-store-fixture.ts with that
// version's code), and what the upgrade test expects to read back from them with today's code.
import { join } from "node:path";

/** The releases a fixture store was made by, oldest first: each is opened and migrated by the upgrade test. */
export const FIXTURE_VERSIONS = ["0.1.0"] as const;

export const fixtureDir = (version: string) => join(process.cwd(), "test", "fixtures", "stores", version);
export const PGLITE_TARBALL = "pglite.tar.gz";
export const POSTGRES_DUMP = "postgres.sql";

export const FIXTURE_CLUSTER = "default";
export const FIXTURE_TOPIC = "orders.DLT";

/** A user who signs in with a password, and an API token that authenticates. */
export const FIXTURE_USER = { username: "olga", password: "fixture-password-1", role: "operator" } as const;
export const FIXTURE_ADMIN_PASSWORD = "fixture-admin-password";
export const FIXTURE_TOKEN_NAME = "fixture-ci";

/** Partition 0, offset 0: a record whose key and value are not UTF-8, with binary, empty, null and repeated headers. */
export const FIXTURE_MESSAGE = {
  partition: 0,
  offset: 0n,
  timestampMs: 1_790_000_000_000n,
  key: Buffer.from([0x00, 0xff, 0x10, 0x80]),
  value: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xc3, 0x28, 0x00, 0x7d]),
  headers: [
    ["kafka_dlt-exception-fqcn", Buffer.from("com.example.OrderRejected")],
    ["kafka_dlt-exception-message", Buffer.from("order 42: price missing")],
    ["kafka_dlt-original-topic", Buffer.from("orders")],
    ["trace", Buffer.from([0xde, 0xad, 0xbe, 0xef])],
    ["empty", Buffer.alloc(0)],
    ["nothing", null],
    ["trace", Buffer.from("second")],
  ] as [string, Buffer | null][],
};

/** Rows per table in every fixture store (store_meta holds the store's id). */
export const FIXTURE_ROW_COUNTS = {
  dlq_message: 5,
  triage_job: 1,
  triage_job_item: 2,
  alert_rule: 2,
  group_lag_sample: 4,
  user: 2,
  account: 2,
  session: 1,
  api_token: 1,
  store_meta: 1,
} as const;
