// PATCH /api/alerts/{id} – change a rule (any field; no webhookUrl keeps the current one). DELETE – remove it. Admin.
import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/request-guards";
import { jsonRoute } from "@/lib/api/route";
import { alertRulePatchSchema } from "@/lib/contract/alert-schemas";
import { deleteAlertRule, updateAlertRule } from "@/lib/monitoring/alert-rules";
import { getStore } from "@/lib/store/store";

export const dynamic = "force-dynamic";

export const PATCH = jsonRoute<{ id: string }>({ role: "admin" }, async ({ request, params, actor }) =>
  updateAlertRule(await getStore(), actor, params.id, await readJson(request, alertRulePatchSchema)),
);

export const DELETE = jsonRoute<{ id: string }>({ role: "admin" }, async ({ params, actor }) => {
  await deleteAlertRule(await getStore(), actor, params.id);
  return new NextResponse(null, { status: 204 });
});
