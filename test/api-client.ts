// Calls route handlers in-process, as a given role, the way Next.js would: for integration tests of the API
// against the real broker and store without starting a server.
import { systemActor } from "@/lib/auth/actor";
import type { Role } from "@/lib/contract/auth-schemas";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params
type RouteHandler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

const tokens = new Map<Role, string>();

export async function tokenFor(role: Role): Promise<string> {
  const existing = tokens.get(role);
  if (existing) return existing;
  const { getAuthContext } = await import("@/lib/auth/server-auth");
  const { createToken } = await import("@/lib/auth/tokens");
  const { createUser } = await import("@/lib/auth/users");
  const { setupRequired } = await import("@/lib/auth/authenticate");
  const { store } = await getAuthContext();
  // Until someone has an account the API answers setup_required to everybody.
  if (await setupRequired())
    await createUser(store, systemActor("test"), { username: "test-admin", password: "test-admin-password", role: "admin" });
  const { token } = await createToken(store, systemActor("test"), { name: `test-${role}-${Date.now()}`, role });
  tokens.set(role, token);
  return token;
}

/** GET `url` through `handler` with `params`, as `role`. */
export async function callGet(
  handler: RouteHandler,
  url: string,
  params: Record<string, string>,
  role: Role = "viewer",
): Promise<Response> {
  const headers = new Headers({ host: "localhost", authorization: `Bearer ${await tokenFor(role)}` });
  return handler(new Request(`http://localhost${url}`, { headers }), { params: Promise.resolve(params) });
}

/** POST a JSON body to `url` through `handler` with `params`, as `role`, from the console's own origin. */
export async function callPost(
  handler: RouteHandler,
  url: string,
  params: Record<string, string>,
  body: unknown,
  role: Role = "operator",
): Promise<Response> {
  const headers = new Headers({
    host: "localhost",
    origin: "http://localhost",
    "content-type": "application/json",
    authorization: `Bearer ${await tokenFor(role)}`,
  });
  return handler(new Request(`http://localhost${url}`, { method: "POST", headers, body: JSON.stringify(body) }), {
    params: Promise.resolve(params),
  });
}

/** PATCH or DELETE (with an optional JSON body) through `handler`, as `role`, from the console's own origin. */
export async function callSend(
  method: "PATCH" | "DELETE",
  handler: RouteHandler,
  url: string,
  params: Record<string, string>,
  body: unknown,
  role: Role = "admin",
): Promise<Response> {
  const headers = new Headers({
    host: "localhost",
    origin: "http://localhost",
    "content-type": "application/json",
    authorization: `Bearer ${await tokenFor(role)}`,
  });
  return handler(new Request(`http://localhost${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), {
    params: Promise.resolve(params),
  });
}
