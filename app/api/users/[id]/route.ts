// PATCH /api/users/{id} – change a user's role, disable or enable it, or set a new password (admin).
import { readJson } from "@/lib/api/request-guards";
import { jsonRoute } from "@/lib/api/route";
import { getAuthContext } from "@/lib/auth/server-auth";
import { updateUser } from "@/lib/auth/users";
import { userChangeSchema } from "@/lib/contract/auth-schemas";

export const dynamic = "force-dynamic";

export const PATCH = jsonRoute<{ id: string }>({ role: "admin" }, async ({ request, params, actor }) => {
  const change = await readJson(request, userChangeSchema);
  return updateUser((await getAuthContext()).store, actor, params.id, change);
});
