"use client";
// The message list's keyboard: j/k move the selection, Enter opens it, "/" focuses the search. Keys typed into a
// field, or pressed with a modifier, are left alone.
import { useEffect, useEffectEvent } from "react";

export function useListKeyboard({ onMove, onOpen, onSearch }: { onMove: (step: 1 | -1) => void; onOpen: () => boolean; onSearch: () => void }) {
  const handle = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
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

  useEffect(() => {
    const listener = (event: KeyboardEvent) => handle(event);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(target.type));
}

function isInteractive(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest("a, button, [role=tab], summary") !== null;
}
