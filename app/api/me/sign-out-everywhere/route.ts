// POST /api/me/sign-out-everywhere – ends every session of the signed-in user, on every device.
import { jsonRoute } from "@/lib/api/route";
import { signOutEverywhere } from "@/lib/auth/sessions";
import type { SignedOutEverywhere } from "@/lib/contract/auth-schemas";
import { RedriveError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const POST = jsonRoute({ role: "viewer" }, async ({ actor }): Promise<SignedOutEverywhere> => {
  if (actor.kind !== "user") throw new RedriveError("bad_request", "API tokens have no sessions; revoke the token instead");
  return { revoked: await signOutEverywhere(actor) };
});
