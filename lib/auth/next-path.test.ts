import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site with its query and hash", () => {
    expect(safeNextPath("/clusters/default/topics?q=orders&sort=name")).toBe("/clusters/default/topics?q=orders&sort=name");
    expect(safeNextPath("/settings#tokens")).toBe("/settings#tokens");
    expect(safeNextPath("/clusters/default/groups/billing%2Fv2")).toBe("/clusters/default/groups/billing%2Fv2");
  });

  it("falls back to / when there is nothing to return to", () => {
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath("")).toBe("/");
  });

  it("refuses other origins and scheme tricks", () => {
    for (const next of [
      "https://evil.example/",
      "//evil.example/path",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "javascript:alert(1)",
      "evil.example",
      "settings",
    ]) {
      expect(safeNextPath(next), next).toBe("/");
    }
  });

  it("does not return to the sign-in page itself", () => {
    expect(safeNextPath("/sign-in?next=/settings")).toBe("/");
  });
});
