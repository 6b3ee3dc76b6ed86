"use client";
// Single-key shortcuts for the message's actions (r, e, d). Keys typed into a field, pressed with a modifier, or
// pressed while a dialog is open are left alone.
import { usePageKeys } from "@/components/ui/use-page-keys";

export function useActionShortcuts(shortcuts: Record<string, () => void>, enabled: boolean) {
  usePageKeys((event) => {
    if (!enabled || document.querySelector("dialog[open]")) return;
    const action = shortcuts[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
}
