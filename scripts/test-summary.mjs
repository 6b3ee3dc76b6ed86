// Adds up the JSON reports of Vitest and Playwright into the one closing line CI reads: "N passed, N failed".
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;

// A runner that left no report ran nothing (it could not start, or its step was skipped): that is a failure too.
const missing = [];

for (const name of ["unit.json", "integration.json"]) {
  const file = join(dir, name);
  if (!existsSync(file)) {
    missing.push(name);
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  // A file that fails to load fails no test of its own, yet must count as a failure.
  const brokenFiles = report.testResults.filter((s) => s.status === "failed" && !s.assertionResults.some((a) => a.status === "failed"));
  failed += report.numFailedTests + brokenFiles.length;
  skipped += report.numPendingTests + report.numTodoTests;
}

for (const name of ["e2e.json", "faults.json"]) {
  const file = join(dir, name);
  if (!existsSync(file)) {
    missing.push(name);
    continue;
  }
  const { stats, errors = [] } = JSON.parse(readFileSync(file, "utf8"));
  passed += stats.expected;
  // Errors outside any test (a spec that fails to load, a server that does not start) run none of its tests.
  failed += stats.unexpected + stats.flaky + errors.length;
  skipped += stats.skipped;
}
failed += missing.length;

if (missing.length > 0) console.log(`\nno report from: ${missing.join(", ")}`);
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
