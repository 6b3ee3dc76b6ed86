// The first admin: created from REDRIVE_ADMIN_PASSWORD on a store with no users; otherwise left to the CLI.
import type { Store } from "@/lib/store/open-store";
import { systemActor } from "./actor";
import { countUsers, createUser } from "./users";

export type BootstrapResult = "users-exist" | "admin-created" | "setup-required";

export async function bootstrapFirstAdmin(store: Store, adminPassword: string | undefined): Promise<BootstrapResult> {
  if ((await countUsers(store)) > 0) return "users-exist";
  if (!adminPassword) return "setup-required";
  try {
    await createUser(store, systemActor("bootstrap"), { username: "admin", name: "Administrator", password: adminPassword, role: "admin" });
  } catch (error) {
    // Another instance on the same PostgreSQL created it first.
    if ((await countUsers(store)) > 0) return "users-exist";
    throw error;
  }
  return "admin-created";
}
