// `npm run bench [-- cluster dlq groups indexer triage jobs demo]`: builds the production app (when a chosen benchmark
// serves it), starts the local broker and runs each benchmark (all by default), printing figures and whether each
// target is met; a missed target fails the run.
import { execFileSync } from "node:child_process";
import { benchCluster } from "./cluster";
import { benchDemo } from "./demo";
import { benchDlqStore } from "./dlq-store";
import { benchFailureGroups } from "./failure-groups";
import { benchIndexer } from "./indexer";
import { benchJobs } from "./jobs";
import { buildApp } from "./support";
import { benchTriage } from "./triage";

const benches = {
  cluster: benchCluster,
  dlq: benchDlqStore,
  groups: benchFailureGroups,
  indexer: benchIndexer,
  triage: benchTriage,
  jobs: benchJobs,
  demo: benchDemo,
} as const;
/** The ones that start the console; the others need no build. */
const SERVE_THE_APP = new Set(["cluster", "dlq", "triage", "jobs"]);

async function main() {
  const chosen = process.argv.slice(2);
  const unknown = chosen.filter((name) => !(name in benches));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(benches).join(", ")}`);
  const names = chosen.length > 0 ? chosen : Object.keys(benches);
  execFileSync("bash", ["scripts/kafka/start.sh"], { stdio: "inherit" });
  if (!process.env.BENCH_SKIP_BUILD && names.some((name) => SERVE_THE_APP.has(name))) buildApp();
  for (const name of names) await benches[name as keyof typeof benches]();
}

// Exits when done: the indexer bench leaves kafkajs's cached admin connection open (it lives as long as the
// server would), which otherwise kept the process waiting until the broker dropped it as idle (~10 minutes).
main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
