import { describe, expect, it } from "vitest";
import { RequestError } from "@/lib/query/request-error";
import { describeSignInError } from "./describe-sign-in-error";

describe("describeSignInError", () => {
  it("says the credentials are wrong on 401, without the server's wording", () => {
    expect(describeSignInError(new RequestError(401, "http_error", "Invalid username or password"))).toBe("Wrong username or password");
  });

  it("asks to wait when rate-limited", () => {
    expect(describeSignInError(new RequestError(429, "http_error", "Too many requests"))).toBe(
      "Too many sign-in attempts — wait a minute and try again",
    );
  });

  it("says when the server cannot be reached", () => {
    expect(describeSignInError(new RequestError(0, "network_error", "The Redrive server is not reachable"))).toBe(
      "The Redrive server is not reachable — try again",
    );
  });

  it("is generic for anything else", () => {
    expect(describeSignInError(new RequestError(500, "internal", "boom"))).toBe("Could not sign in — try again");
    expect(describeSignInError(new Error("boom"))).toBe("Could not sign in — try again");
  });
});
