"use client";
// Top bar: the cluster being looked at (on cluster pages), the theme toggle and the signed-in user's menu.
import { ClusterIdentity } from "./cluster-identity";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";
import { useClusterParam } from "./use-cluster-param";

export function ConsoleHeader() {
  const cluster = useClusterParam();
  return (
    <header className="flex min-h-12 items-center gap-3 border-b border-border bg-surface px-4 md:px-6">
      {cluster ? <ClusterIdentity cluster={cluster} /> : <div className="flex-1" />}
      <ThemeToggle />
      <UserMenu />
    </header>
  );
}
