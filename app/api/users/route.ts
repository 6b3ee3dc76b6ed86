// GET /api/users – every user (admin). POST /api/users – create one with a role (admin).
import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/request-guards";
import { jsonRoute } from "@/lib/api/route";
import { getAuthContext } from "@/lib/auth/server-auth";
import { createUser, listUsers } from "@/lib/auth/users";
import { newUserSchema } from "@/lib/contract/auth-schemas";

export const dynamic = "force-dynamic";

export const GET = jsonRoute({ role: "admin" }, async () => listUsers((await getAuthContext()).store));

export const POST = jsonRoute({ role: "admin" }, async ({ request, actor }) => {
  const input = await readJson(request, newUserSchema);
  const created = await createUser((await getAuthContext()).store, actor, input);
  return NextResponse.json(created, { status: 201 });
});
