import { describe, expect, it } from "vitest";
import type { DlqListMessage } from "@/lib/contract/schemas";
import { loadedPickState, NO_ROWS, toggleAllLoaded, togglePicked } from "./row-selection";

const row = (offset: number, status: DlqListMessage["status"] = "pending") =>
  ({ partition: offset % 2, offset: String(offset), status }) as DlqListMessage;

describe("togglePicked", () => {
  it("picks and unpicks a pending row, and never picks a resolved one", () => {
    const picked = togglePicked(NO_ROWS, row(4));
    expect([...picked.values()]).toEqual([{ partition: 0, offset: "4" }]);
    expect(togglePicked(picked, row(4)).size).toBe(0);
    expect(togglePicked(NO_ROWS, row(5, "redelivered")).size).toBe(0);
  });

  it("lets a row that was resolved after picking be unpicked", () => {
    const picked = togglePicked(NO_ROWS, row(6));
    expect(togglePicked(picked, row(6, "discarded")).size).toBe(0);
  });
});

describe("select all loaded", () => {
  const rows = [row(1), row(2, "redelivered"), row(3), row(4)];

  it("reports none, some or all of the loaded pending rows", () => {
    expect(loadedPickState(NO_ROWS, rows)).toBe("none");
    expect(loadedPickState(togglePicked(NO_ROWS, rows[0]!), rows)).toBe("some");
    expect(loadedPickState(toggleAllLoaded(NO_ROWS, rows), rows)).toBe("all");
  });

  it("picks every loaded pending row in list order, then clears them", () => {
    const all = toggleAllLoaded(togglePicked(NO_ROWS, rows[3]!), rows);
    expect([...all.values()].map((r) => r.offset)).toEqual(["4", "1", "3"]);
    expect(toggleAllLoaded(all, rows).size).toBe(0);
  });

  it("stops at the job limit", () => {
    const capped = toggleAllLoaded(NO_ROWS, rows, 2);
    expect(capped.size).toBe(2);
  });
});
