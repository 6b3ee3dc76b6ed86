// GET /api/tokens – API tokens with last use (admin). POST /api/tokens – create one; the token is in this answer only.
import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/request-guards";
import { jsonRoute } from "@/lib/api/route";
import { getAuthContext } from "@/lib/auth/server-auth";
import { createToken, listTokens } from "@/lib/auth/tokens";
import { newTokenSchema } from "@/lib/contract/auth-schemas";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ role: "admin" }, async () => listTokens((await getAuthContext()).store));

export const POST = jsonRoute({ role: "admin" }, async ({ request, actor }) => {
  const input = await readJson(request, newTokenSchema);
  const created = await createToken((await getAuthContext()).store, actor, input);
  return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
