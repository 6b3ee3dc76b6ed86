// Runs before every page and API request: sets a per-request nonce and a strict Content-Security-Policy, and
// sends people without a valid session to the sign-in page with the page they wanted. Access control proper
// lives in each route handler (requireRole); this only spares a signed-out person an empty console.
import { NextResponse, type NextRequest } from "next/server";
import { authenticate, setupRequired } from "@/lib/auth/authenticate";
import { safeNextPath } from "@/lib/auth/next-path";
import { log } from "@/lib/log";

const PUBLIC_PAGES = new Set(["/sign-in", "/setup"]);

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (virtualised rows are positioned with them) carry no script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export async function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  const { pathname, search } = request.nextUrl;

  if (pathname.startsWith("/api/")) return NextResponse.next({ request: { headers } });

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);

  let redirect: URL | null = null;
  try {
    if (await setupRequired()) {
      if (pathname !== "/setup") redirect = new URL("/setup", request.url);
    } else if (!PUBLIC_PAGES.has(pathname)) {
      if (!(await authenticate(headers))) {
        redirect = new URL("/sign-in", request.url);
        redirect.searchParams.set("next", safeNextPath(pathname + search));
      }
    } else if (pathname === "/sign-in" && (await authenticate(headers))) {
      redirect = new URL(safeNextPath(request.nextUrl.searchParams.get("next")), request.url);
    }
  } catch (error) {
    // If the store cannot be read, the page loads and its API calls report the problem.
    log.warn({ err: error }, "could not check the session in the proxy");
  }

  const response = redirect ? NextResponse.redirect(redirect) : NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
