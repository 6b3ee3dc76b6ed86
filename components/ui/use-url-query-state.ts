"use client";
// List state (search, sort, filters) that lives in React state and is mirrored into the URL query string.
// React state is the source of truth so controlled inputs update synchronously; history.replaceState keeps the URL
// shareable without a server round trip per keystroke (Next.js keeps useSearchParams in sync with it).
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";

export function useUrlQueryState<State>(read: (params: URLSearchParams) => State, write: (state: State) => URLSearchParams) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const [state, setLocalState] = useState(() => read(new URLSearchParams(searchParams.toString())));
  const setState = useCallback(
    (next: State) => {
      setLocalState(next);
      const query = write(next).toString();
      window.history.replaceState(window.history.state, "", query ? `${pathname}?${query}` : pathname);
    },
    [pathname, write],
  );
  return [state, setState] as const;
}
