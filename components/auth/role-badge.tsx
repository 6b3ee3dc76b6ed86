// A user's or token's role as a small label; roles are not statuses, so they avoid the status colours.
import { Badge } from "@/components/ui/badge";
import type { Role } from "@/lib/contract/auth-schemas";

const ROLE_TITLES: Record<Role, string> = {
  viewer: "Can read topics, groups, DLQ messages and the audit log",
  operator: "Can read, redeliver, edit and discard messages and run jobs",
  admin: "Can do everything, including managing users and API tokens",
};

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge tone={role === "viewer" ? "neutral" : "accent"} title={ROLE_TITLES[role]}>
      {role}
    </Badge>
  );
}
