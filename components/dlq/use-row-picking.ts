"use client";
// The rows picked for a bulk job, for one view of the list: changing a filter or the tab drops the pick, so a job
// never acts on rows the operator can no longer see.
import { useCallback, useMemo, useState } from "react";
import type { DlqListMessage } from "@/lib/contract/schemas";
import { loadedPickState, NO_ROWS, toggleAllLoaded, togglePicked, type PickedRows } from "./row-selection";

export function useRowPicking(viewKey: string, messages: readonly DlqListMessage[]) {
  const [state, setState] = useState<{ viewKey: string; picked: PickedRows }>({ viewKey, picked: NO_ROWS });
  const picked = state.viewKey === viewKey ? state.picked : NO_ROWS;
  const update = useCallback(
    (change: (picked: PickedRows) => PickedRows) =>
      setState((prev) => ({ viewKey, picked: change(prev.viewKey === viewKey ? prev.picked : NO_ROWS) })),
    [viewKey],
  );
  // Stable per view, so toggling one row re-renders that row only.
  const onPick = useCallback((message: DlqListMessage) => update((p) => togglePicked(p, message)), [update]);
  const onPickAll = useCallback(() => update((p) => toggleAllLoaded(p, messages)), [update, messages]);
  const clear = useCallback(() => update(() => NO_ROWS), [update]);
  const loaded = useMemo(() => loadedPickState(picked, messages), [picked, messages]);
  return { picked, loaded, onPick, onPickAll, clear };
}
