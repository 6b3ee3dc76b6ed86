// POST /api/alerts/{id}/test – posts a test notice to the rule's webhook now → {ok, status?, error?, attempts} (admin).
import { jsonRoute } from "@/lib/api/route";
import { sendTestNotice } from "@/lib/monitoring/alert-rules";
import { getStore } from "@/lib/store/store";

export const dynamic = "force-dynamic";

export const POST = jsonRoute<{ id: string }>({ role: "admin" }, async ({ params, actor }) =>
  sendTestNotice(await getStore(), actor, params.id),
);
