// POST /api/jobs/{id}/pause|resume|cancel – operator control of a bulk job, audited; 409 when the job's state does
// not allow it (a completed job cannot be resumed, say).
import { jsonRoute } from "@/lib/api/route";
import { jobCommands } from "@/lib/contract/job-schemas";
import { RedriveError } from "@/lib/errors";
import { wakeJobRunner } from "@/lib/server/job-running";
import { getStore } from "@/lib/store/store";
import { controlJob } from "@/lib/triage/jobs";

export const dynamic = "force-dynamic";

export const POST = jsonRoute<{ id: string; command: string }>({ role: "operator" }, async ({ params, actor }) => {
  const command = jobCommands.find((c) => c === params.command);
  if (!command) throw new RedriveError("not_found", `Unknown job command "${params.command}"; expected pause, resume or cancel`);
  const job = await controlJob(await getStore(), params.id, command, actor);
  if (command === "resume") wakeJobRunner();
  return job;
});
