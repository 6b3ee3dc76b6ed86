// Where to go after signing in: only a path on this site, so a crafted ?next= link cannot send a user elsewhere.
const PLACEHOLDER_ORIGIN = "https://redrive.invalid";

/** `next` when it is a same-origin relative path ("/…" but not "//…" or "/\…"), else "/". */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  // The URL parser drops tabs and newlines and reads "\" as "/", so "/\t/evil.example" would become
  // "//evil.example"; parsing against a placeholder origin catches every such trick at once.
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Coming back to the sign-in page after signing in would look like a failed sign-in.
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/")) return "/";
  return path;
}
