"use client";
// The message list's keyboard: j/k move the selection, Enter opens it, "/" focuses the search. Keys typed into a
// field, or pressed with a modifier, are left alone.
import { usePageKeys } from "@/components/ui/use-page-keys";

export function useListKeyboard({ onMove, onOpen, onSearch }: { onMove: (step: 1 | -1) => void; onOpen: () => boolean; onSearch: () => void }) {
  usePageKeys((event) => {
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      onMove(event.key === "j" ? 1 : -1);
    } else if (event.key === "/") {
      event.preventDefault();
      onSearch();
    } else if (event.key === "Enter" && !isInteractive(event.target)) {
      // A focused link or button keeps its own Enter.
      if (onOpen()) event.preventDefault();
    }
  });
}

function isInteractive(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest("a, button, [role=tab], summary") !== null;
}
