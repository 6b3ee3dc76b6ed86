"use client";
// The signed-in user in the top bar (username and role), opening a menu to sign out here or everywhere.
import { useId, useRef, useState, type ToggleEvent } from "react";
import { hrefs } from "@/lib/contract/hrefs";
import { useSignOut } from "@/lib/query/auth";
import { useMe, useSignOutEverywhere } from "@/lib/query/me";
import { RoleBadge } from "@/components/auth/role-badge";
import { Button } from "@/components/ui/button";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Skeleton } from "@/components/ui/skeleton";

export function UserMenu() {
  const { data: me, isPending } = useMe();
  const signOut = useSignOut();
  const signOutEverywhere = useSignOutEverywhere();
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  // The menu is a popover (top layer, Escape and click-outside close it), so it is placed under its button by hand.
  const [position, setPosition] = useState({ top: 0, right: 0 });

  if (isPending) return <Skeleton className="h-7 w-28" />;
  if (!me) return null;

  const { user } = me;
  const busy = signOut.isPending || signOutEverywhere.isPending || signOut.isSuccess || signOutEverywhere.isSuccess;
  const failure = signOut.error ?? signOutEverywhere.error;
  const leave = () => window.location.assign(hrefs.signIn());

  function placeMenu(event: ToggleEvent<HTMLDivElement>) {
    const button = buttonRef.current;
    if (event.newState !== "open" || !button) return;
    const rect = button.getBoundingClientRect();
    setPosition({ top: rect.bottom + 6, right: Math.max(8, document.documentElement.clientWidth - rect.right) });
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        popoverTarget={menuId}
        className="inline-flex h-8 max-w-48 min-w-0 shrink items-center gap-2 rounded-md border border-border px-2 text-sm hover:bg-surface-2"
      >
        <span className="sr-only">Account: </span>
        <span className="min-w-0 truncate font-medium">{user.username}</span>
        <RoleBadge role={user.role} />
        <svg aria-hidden="true" viewBox="0 0 10 10" className="size-2.5 shrink-0 text-muted" fill="currentColor">
          <path d="M1 3h8L5 8z" />
        </svg>
      </button>
      <div
        id={menuId}
        popover="auto"
        onBeforeToggle={placeMenu}
        style={{ top: position.top, right: position.right }}
        className="inset-auto m-0 w-64 rounded-lg border border-border bg-surface p-3 text-fg shadow-lg"
      >
        <div className="flex flex-col gap-3">
          <div className="min-w-0">
            <p className="text-xs text-muted">Signed in as</p>
            <p className="font-medium [overflow-wrap:anywhere]">{user.name || user.username}</p>
            {user.name && user.name !== user.username ? (
              <p className="text-xs text-muted [overflow-wrap:anywhere]">{user.username}</p>
            ) : null}
          </div>
          {failure ? <ErrorAlert>Could not sign out: {failure.message}</ErrorAlert> : null}
          <div className="flex flex-col gap-2">
            <Button disabled={busy} onClick={() => signOut.mutate(undefined, { onSuccess: leave })} className="w-full">
              Sign out
            </Button>
            <Button
              variant="danger"
              disabled={busy}
              onClick={() => signOutEverywhere.mutate(undefined, { onSuccess: leave })}
              className="w-full"
            >
              Sign out everywhere
            </Button>
            <p className="text-xs text-muted">“Everywhere” ends your sessions in every browser, this one included.</p>
          </div>
        </div>
      </div>
    </>
  );
}
