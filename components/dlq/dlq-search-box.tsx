"use client";
// The message search: typed text reaches the URL (and the server) 300 ms after the last keystroke, or at once on
// Enter. "/" anywhere on the page focuses it (see use-list-keyboard); Escape hands the keyboard back to the list.
import clsx from "clsx";
import { useEffect, useEffectEvent, useId, useState, type Ref } from "react";
import { controlClass, fieldLabelClass } from "@/components/ui/field-styles";

const DEBOUNCE_MS = 300;

export function DlqSearchBox({ value, onCommit, ref }: { value: string; onCommit: (value: string) => void; ref?: Ref<HTMLInputElement> }) {
  const id = useId();
  const [text, setText] = useState(value);
  const [committed, setCommitted] = useState(value);
  // The URL changed from elsewhere (clear filters, back/forward): show what it says.
  if (value !== committed) {
    setCommitted(value);
    setText(value);
  }

  function commitNow(next: string) {
    setCommitted(next);
    onCommit(next);
  }
  const commit = useEffectEvent(commitNow);

  useEffect(() => {
    if (text === committed) return;
    const timer = setTimeout(() => commit(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, committed]);

  return (
    <div className={clsx(fieldLabelClass, "col-span-full")}>
      <label htmlFor={id}>Search messages</label>
      <div className="relative">
        <svg
          aria-hidden="true"
          viewBox="0 0 16 16"
          className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-muted"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
        >
          <circle cx="7" cy="7" r="4.5" />
          <path d="m10.5 10.5 3 3" strokeLinecap="round" />
        </svg>
        <input
          id={id}
          ref={ref}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && text !== committed) commitNow(text);
            if (event.key === "Escape") {
              // A search input clears itself on Escape; here Escape only hands the keyboard back to the list.
              event.preventDefault();
              event.currentTarget.blur();
            }
          }}
          placeholder="Search key, value, failure"
          aria-keyshortcuts="/"
          autoComplete="off"
          spellCheck={false}
          className={clsx(controlClass, "peer pr-8 pl-8")}
        />
        <kbd
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-border px-1 font-mono text-[0.6875rem] leading-4 text-muted peer-focus:hidden"
        >
          /
        </kbd>
      </div>
    </div>
  );
}
