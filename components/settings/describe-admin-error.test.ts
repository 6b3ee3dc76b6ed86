import { describe, expect, it } from "vitest";
import { RequestError } from "@/lib/query/request-error";
import { describeAdminError } from "./describe-admin-error";

describe("describeAdminError", () => {
  it("shows the server's message, which names the field or the conflict", () => {
    expect(describeAdminError(new RequestError(422, "validation_failed", "password: at least 12 characters"))).toBe(
      "password: at least 12 characters",
    );
    expect(describeAdminError(new RequestError(409, "conflict", "A user named alice already exists."))).toBe(
      "A user named alice already exists",
    );
  });

  it("explains a 403 in terms of the role", () => {
    expect(describeAdminError(new RequestError(403, "forbidden", "Forbidden"))).toBe("You need the admin role to do this");
  });

  it("copes with errors that are not API errors", () => {
    expect(describeAdminError("boom")).toBe("Unknown error");
  });
});
