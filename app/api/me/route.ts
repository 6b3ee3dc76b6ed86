// GET /api/me – who the caller is: the signed-in user or the API token, and its role.
import { jsonRoute } from "@/lib/api/route";
import type { Me } from "@/lib/contract/auth-schemas";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ role: "viewer" }, async ({ actor }): Promise<Me> => ({
  user: { id: actor.id, username: actor.name, name: actor.displayName, role: actor.role },
  via: actor.kind === "token" ? "token" : "session",
}));
