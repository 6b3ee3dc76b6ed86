// Every route under app/api/, found from the file tree, called with no credentials and as a viewer, an
// operator and an admin: each answers 401/403 exactly where its role says, so a new route cannot ship
// without a decision about who may call it.
import { mkdtempSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/contract/auth-schemas";

process.env.REDRIVE_DATA_DIR = mkdtempSync(join(tmpdir(), "redrive-access-"));
delete process.env.DATABASE_URL;

type Access = "public" | Role;

/** Who may call what. A route missing here, or listed here but gone, fails the test. */
const expected: Record<string, Access> = {
  "GET /api/health": "public",
  "GET /api/ready": "public",
  "GET /api/[...path]": "public",
  "POST /api/[...path]": "public",
  "PUT /api/[...path]": "public",
  "PATCH /api/[...path]": "public",
  "DELETE /api/[...path]": "public",
  "GET /api/auth/[...all]": "public",
  "POST /api/auth/[...all]": "public",
  "GET /api/clusters": "viewer",
  "GET /api/clusters/[cluster]/topics": "viewer",
  "GET /api/clusters/[cluster]/topics/[topic]": "viewer",
  "GET /api/clusters/[cluster]/groups": "viewer",
  "GET /api/clusters/[cluster]/groups/[group]": "viewer",
  "GET /api/clusters/[cluster]/dlqs": "viewer",
  "GET /api/clusters/[cluster]/dlqs/[topic]": "viewer",
  "DELETE /api/clusters/[cluster]/dlqs/[topic]": "admin",
  "GET /api/clusters/[cluster]/dlqs/[topic]/groups": "viewer",
  "GET /api/clusters/[cluster]/dlqs/[topic]/messages": "viewer",
  "GET /api/clusters/[cluster]/dlqs/[topic]/messages/[partition]/[offset]": "viewer",
  "GET /api/clusters/[cluster]/dlqs/[topic]/messages/[partition]/[offset]/value": "viewer",
  "POST /api/clusters/[cluster]/dlqs/[topic]/messages/[partition]/[offset]/redeliver": "operator",
  "POST /api/clusters/[cluster]/dlqs/[topic]/messages/[partition]/[offset]/discard": "operator",
  "GET /api/clusters/[cluster]/redelivery-target": "operator",
  "GET /api/audit": "operator",
  "GET /api/audit/export": "operator",
  "GET /api/audit/verify": "operator",
  "GET /api/me": "viewer",
  "POST /api/me/sign-out-everywhere": "viewer",
  "GET /api/users": "admin",
  "POST /api/users": "admin",
  "PATCH /api/users/[id]": "admin",
  "GET /api/tokens": "admin",
  "POST /api/tokens": "admin",
  "POST /api/tokens/[id]/revoke": "admin",
  "GET /api/metrics": "viewer",
  "GET /api/clusters/[cluster]/groups/[group]/lag-history": "viewer",
  "GET /api/clusters/[cluster]/dlqs/[topic]/inflow": "viewer",
  "GET /api/clusters/[cluster]/indexer": "viewer",
  "GET /api/clusters/[cluster]/brokers": "viewer",
  "GET /api/alerts": "admin",
  "POST /api/alerts": "admin",
  "PATCH /api/alerts/[id]": "admin",
  "DELETE /api/alerts/[id]": "admin",
  "POST /api/alerts/[id]/test": "admin",
  "POST /api/clusters/[cluster]/dlqs/[topic]/jobs": "operator",
  "GET /api/jobs": "viewer",
  "GET /api/jobs/[id]": "viewer",
  "POST /api/jobs/[id]/[command]": "operator",
};

const paramValues: Record<string, string | string[]> = {
  cluster: "default",
  topic: "__consumer_offsets",
  group: "redrive-access-test-group",
  id: "00000000-0000-0000-0000-000000000000",
  partition: "0",
  offset: "0",
  path: ["nothing-here"],
  all: ["get-session"],
  command: "pause",
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type RouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

async function routeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? routeFiles(join(dir, e.name)) : Promise.resolve(e.name === "route.ts" ? [join(dir, e.name)] : []),
    ),
  );
  return nested.flat();
}

interface Route {
  key: string;
  method: string;
  url: string;
  params: Record<string, string | string[]>;
  handler: RouteHandler;
}

async function discoverRoutes(): Promise<Route[]> {
  const root = join(process.cwd(), "app");
  const routes: Route[] = [];
  for (const file of await routeFiles(join(root, "api"))) {
    const path = "/" + relative(root, file).split(sep).slice(0, -1).join("/");
    const routeModule = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const params: Record<string, string | string[]> = {};
    const url = path.replace(/\[(\.\.\.)?(\w+)\]/g, (_, rest: string | undefined, name: string) => {
      params[name] = paramValues[name] ?? "x";
      return rest ? (paramValues[name] as string[]).join("/") : encodeURIComponent(paramValues[name] as string);
    });
    for (const method of METHODS) {
      if (typeof routeModule[method] === "function")
        routes.push({ key: `${method} ${path}`, method, url, params, handler: routeModule[method] as RouteHandler });
    }
  }
  return routes;
}

const callers = ["anonymous", "viewer", "operator", "admin"] as const;
const rank: Record<(typeof callers)[number], number> = { anonymous: -1, viewer: 0, operator: 1, admin: 2 };
const roleRank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const tokens: Partial<Record<(typeof callers)[number], string>> = {};
let routes: Route[] = [];

beforeAll(async () => {
  const { getAuthContext } = await import("@/lib/auth/server-auth");
  const { createToken } = await import("@/lib/auth/tokens");
  const { createUser } = await import("@/lib/auth/users");
  const { systemActor } = await import("@/lib/auth/actor");
  const { store } = await getAuthContext();
  await createUser(store, systemActor("test"), { username: "admin", password: "access-test-password", role: "admin" });
  for (const role of ["viewer", "operator", "admin"] as const) {
    tokens[role] = (await createToken(store, systemActor("test"), { name: `access-${role}`, role })).token;
  }
  routes = await discoverRoutes();
}, 60_000);

describe("access to every API route", () => {
  it("has a decision for every route file, and none for a route that is gone", () => {
    expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(callers)("answers %s as each route's role says", async (caller) => {
    const outcomes: string[] = [];
    for (const route of routes) {
      const headers = new Headers({ host: "localhost", origin: "http://localhost", "content-type": "application/json" });
      if (tokens[caller as Role]) headers.set("authorization", `Bearer ${tokens[caller as Role]}`);
      const request = new Request(`http://localhost${route.url}`, {
        method: route.method,
        headers,
        body: route.method === "GET" ? undefined : "{}",
      });
      const { status } = await route.handler(request, { params: Promise.resolve(route.params) });
      const access = expected[route.key]!;
      const want = access === "public" || rank[caller] >= roleRank[access] ? "allowed" : caller === "anonymous" ? 401 : 403;
      const got = status === 401 || status === 403 ? status : "allowed";
      outcomes.push(`${route.key} as ${caller}: ${got === want ? "ok" : `expected ${want}, got ${status}`}`);
    }
    expect(outcomes.filter((o) => !o.endsWith(": ok"))).toEqual([]);
  });
});
