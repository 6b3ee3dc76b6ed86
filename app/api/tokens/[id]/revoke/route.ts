// POST /api/tokens/{id}/revoke – the token stops working at once (admin).
import { jsonRoute } from "@/lib/api/route";
import { getAuthContext } from "@/lib/auth/server-auth";
import { revokeToken } from "@/lib/auth/tokens";

export const dynamic = "force-dynamic";

export const POST = jsonRoute<{ id: string }>({ role: "admin" }, async ({ params, actor }) =>
  revokeToken((await getAuthContext()).store, actor, params.id),
);
