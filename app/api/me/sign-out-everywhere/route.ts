// POST /api/me/sign-out-everywhere – ends every session of the signed-in user, on every device.
import { ApiError } from "@/lib/api/errors";
import { jsonRoute } from "@/lib/api/route";
import { signOutEverywhere } from "@/lib/auth/sessions";

export const dynamic = "force-dynamic";

export const POST = jsonRoute({ role: "viewer" }, async ({ actor }) => {
  if (actor.kind !== "user") throw new ApiError("bad_request", "API tokens have no sessions; revoke the token instead");
  return { revoked: await signOutEverywhere(actor) };
});
