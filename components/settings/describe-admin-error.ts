// The one sentence shown when an admin read or change fails: the server's own message, which names the field or conflict.
import { RequestError } from "@/lib/query/request-error";

export function describeAdminError(error: unknown): string {
  if (error instanceof RequestError && error.status === 403) return "You need the admin role to do this";
  const message = error instanceof Error ? error.message : "Unknown error";
  return message.replace(/\.$/, "");
}
