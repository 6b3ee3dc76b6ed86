// CPU time each process of a benchmark spends over a measured stretch: the benchmark process itself, the console
// server's process group, PostgreSQL (every backend, and what the exited ones left with the postmaster) and the
// Kafka broker. On a machine whose few cores all of them share, the total per message bounds the throughput any
// amount of overlap could reach, so the benchmarks print it beside their rates.
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * The fields of /proc/<pid>/stat after the command name (field 2, which may hold spaces): index 0 is field 3, so
 * field n is at n - 3. Undefined once the process is gone.
 */
export function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** utime + stime (fields 14, 15), with `children` cutime + cstime (16, 17), of a process, in seconds; 0 once gone. */
function processCpu(pid: number, children = false): number {
  const fields = procStat(pid);
  if (!fields) return 0;
  const own = Number(fields[11]) + Number(fields[12]);
  return (children ? own + Number(fields[13]) + Number(fields[14]) : own) / TICKS_PER_SECOND;
}

function pids(args: string[]): number[] {
  try {
    return execFileSync("pgrep", args, { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function postgresCpu(): number {
  const all = pids(["-x", "postgres"]);
  // The postmaster is the one whose parent (field 4) is not a postgres process; its children's figures cover exited
  // backends.
  const parentOf = (pid: number) => Number(procStat(pid)?.[1] ?? 0);
  const members = new Set(all);
  return all.reduce((sum, pid) => sum + processCpu(pid, !members.has(parentOf(pid))), 0);
}

const brokerCpu = () => pids(["-f", "kafka\\.Kafka"]).reduce((sum, pid) => sum + processCpu(pid), 0);
const groupCpu = (pgid: number) => pids(["-g", String(pgid)]).reduce((sum, pid) => sum + processCpu(pid), 0);
const selfCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

export type CpuShares = Record<"bench" | "server" | "postgres" | "broker", number>;

/** Starts counting now; `stop()` answers the CPU seconds each part spent since. */
export function startCpuMeter(serverPgid?: number): { stop(): CpuShares } {
  const read = (): CpuShares => ({
    bench: selfCpu(),
    server: serverPgid ? groupCpu(serverPgid) : 0,
    postgres: postgresCpu(),
    broker: brokerCpu(),
  });
  const before = read();
  return {
    stop() {
      const after = read();
      return {
        bench: after.bench - before.bench,
        server: after.server - before.server,
        postgres: after.postgres - before.postgres,
        broker: after.broker - before.broker,
      };
    },
  };
}

const LABELS: Record<keyof CpuShares, string> = {
  bench: "benchmark process",
  server: "console server",
  postgres: "PostgreSQL",
  broker: "Kafka broker",
};

/**
 * Prints CPU µs per message for each run side by side, and for the measured run the most messages per second this
 * machine's cores could give its work if nothing ever waited: the ratio's ceiling for this implementation.
 */
export function printCpuPerMessage(
  runs: { label: string; shares: CpuShares; messages: number }[],
  bounded: { run: string; against: string; rate: number; target: number },
): void {
  const cores = availableParallelism();
  const perMessage = (run: (typeof runs)[number], part: keyof CpuShares) => (run.shares[part] / run.messages) * 1e6;
  const total = (run: (typeof runs)[number]) =>
    (Object.keys(LABELS) as (keyof CpuShares)[]).reduce((sum, part) => sum + perMessage(run, part), 0);
  const cell = (value: number) => value.toFixed(0).padStart(14);
  console.log(`  CPU per message, µs ${"".padEnd(18)}${runs.map((r) => r.label.padStart(14)).join("")}`);
  for (const part of Object.keys(LABELS) as (keyof CpuShares)[]) {
    if (runs.every((r) => r.shares[part] === 0)) continue;
    console.log(`    ${LABELS[part].padEnd(34)}${runs.map((r) => cell(perMessage(r, part))).join("")}`);
  }
  console.log(`    ${"total".padEnd(34)}${runs.map((r) => cell(total(r))).join("")}`);
  const measured = runs.find((r) => r.label === bounded.run)!;
  const bound = (cores / total(measured)) * 1e6;
  const needed = (cores / (bounded.target * bounded.rate)) * 1e6;
  console.log(
    `  ${cores} cores could run ${bounded.run}'s work at ${bound.toFixed(0)} msg/s at most: ${(bound / bounded.rate).toFixed(2)} of the ${bounded.against};` +
      ` ${bounded.target} of it needs ≤ ${needed.toFixed(0)} µs of CPU per message in all`,
  );
}
