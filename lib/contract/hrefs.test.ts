import { describe, expect, it } from "vitest";
import { decodeRouteParam, hrefs } from "./hrefs";

describe("hrefs", () => {
  it("builds console URLs with names encoded once", () => {
    expect(hrefs.overview("default")).toBe("/clusters/default");
    expect(hrefs.topic("default", "orders.DLT")).toBe("/clusters/default/topics/orders.DLT");
    expect(hrefs.group("default", "billing/v2 (eu)")).toBe("/clusters/default/groups/billing%2Fv2%20(eu)");
  });

  it("builds job URLs outside any cluster", () => {
    expect(hrefs.jobs()).toBe("/jobs");
    expect(hrefs.jobs({ state: "running", topic: undefined })).toBe("/jobs?state=running");
    expect(hrefs.job("6f1c1d9e-2b7a-4c55-9a43-0d3c5e1f2a10")).toBe("/jobs/6f1c1d9e-2b7a-4c55-9a43-0d3c5e1f2a10");
  });

  it("carries the page to return to after sign-in", () => {
    expect(hrefs.signIn()).toBe("/sign-in");
    expect(hrefs.signIn("/clusters/default/topics?q=orders&sort=name")).toBe("/sign-in?next=%2Fclusters%2Fdefault%2Ftopics%3Fq%3Dorders%26sort%3Dname");
  });

  it("round-trips through decodeRouteParam", () => {
    const group = "wéird / group?#%";
    const segment = hrefs.group("default", group).split("/").pop() ?? "";
    expect(decodeRouteParam(segment)).toBe(group);
  });

  it("leaves malformed escapes alone", () => {
    expect(decodeRouteParam("100%")).toBe("100%");
  });
});
