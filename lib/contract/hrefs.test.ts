import { describe, expect, it } from "vitest";
import { decodeRouteParam, hrefs, sameSectionOnCluster } from "./hrefs";

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
    expect(hrefs.signIn("/clusters/default/topics?q=orders&sort=name")).toBe(
      "/sign-in?next=%2Fclusters%2Fdefault%2Ftopics%3Fq%3Dorders%26sort%3Dname",
    );
  });

  it("round-trips through decodeRouteParam", () => {
    const group = "wéird / group?#%";
    const segment = hrefs.group("default", group).split("/").pop() ?? "";
    expect(decodeRouteParam(segment)).toBe(group);
  });

  it("leaves malformed escapes alone", () => {
    expect(decodeRouteParam("100%")).toBe("100%");
  });

  it("keeps the section when switching cluster, falling back to its list or the overview", () => {
    expect(sameSectionOnCluster("/clusters/a/dlqs", "b")).toBe("/clusters/b/dlqs");
    expect(sameSectionOnCluster("/clusters/a/topics/orders.DLT", "b")).toBe("/clusters/b/topics");
    expect(sameSectionOnCluster("/clusters/a/groups/billing%2Fv2", "b")).toBe("/clusters/b/groups");
    expect(sameSectionOnCluster("/clusters/a/dlqs/orders.DLT/messages/0/42", "b")).toBe("/clusters/b/dlqs");
    expect(sameSectionOnCluster("/clusters/a", "b")).toBe("/clusters/b");
    expect(sameSectionOnCluster("/clusters", "b")).toBe("/clusters/b");
    expect(sameSectionOnCluster("/jobs", "eu west/1")).toBe("/clusters/eu%20west%2F1");
  });
});
