// GET /api/alerts – alert rules with their state (admin; webhook URLs masked). POST /api/alerts – create one.
import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/request-guards";
import { jsonRoute } from "@/lib/api/route";
import { newAlertRuleSchema } from "@/lib/contract/alert-schemas";
import { createAlertRule, listAlertRules } from "@/lib/monitoring/alert-rules";
import { getStore } from "@/lib/store/store";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ role: "admin" }, async () => listAlertRules(await getStore()));

export const POST = jsonRoute({ role: "admin" }, async ({ request, actor }) => {
  const input = await readJson(request, newAlertRuleSchema);
  const created = await createAlertRule(await getStore(), actor, input);
  return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
