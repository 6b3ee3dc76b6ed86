"use client";
// The message list's keyboard: j/k move the selection, Enter opens it, Space picks it, "/" focuses the search. Keys
// typed into a field, pressed with a modifier, or pressed while a dialog is open are left alone.
import { usePageKeys } from "@/components/ui/use-page-keys";

export function useListKeyboard({
  onMove,
  onOpen,
  onSearch,
  onPick,
}: {
  onMove: (step: 1 | -1) => void;
  /** Open and pick answer whether there was a row to act on; only then is the key's default (scrolling) stopped. */
  onOpen: () => boolean;
  onSearch: () => void;
  onPick: () => boolean;
}) {
  usePageKeys((event) => {
    // The page behind a modal dialog (a bulk job's, say) must not move under it.
    if (document.querySelector("dialog[open]")) return;
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      onMove(event.key === "j" ? 1 : -1);
    } else if (event.key === "/") {
      event.preventDefault();
      onSearch();
    } else if (event.key === "Enter" && !isInteractive(event.target)) {
      // A focused link or button keeps its own Enter.
      if (onOpen()) event.preventDefault();
    } else if (event.key === " " && !isInteractive(event.target)) {
      // A focused checkbox or button keeps its own Space.
      if (onPick()) event.preventDefault();
    }
  });
}

function isInteractive(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest("a, button, input, [role=tab], summary") !== null;
}
