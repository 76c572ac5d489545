import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { changePasswordInput, parseSignUp } from "./users";

function issuesOf(raw: unknown): Record<string, string> {
  try {
    parseSignUp(raw);
    return {};
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("invalid");
    return Object.fromEntries(((error as DomainError).issues ?? []).map((i) => [i.path, i.message]));
  }
}

describe("sign-up validation", () => {
  it("normalises the email to lower case and trims the name", () => {
    expect(parseSignUp({ name: "  Casey ", email: "  Casey.Jordan@Example.COM ", password: "long enough!" })).toEqual({
      name: "Casey",
      email: "casey.jordan@example.com",
      password: "long enough!",
    });
  });

  it("requires a password of at least 10 characters", () => {
    expect(issuesOf({ name: "Casey", email: "c@example.com", password: "123456789" })).toEqual({ password: "the password must be at least 10 characters" });
    expect(issuesOf({ name: "Casey", email: "c@example.com", password: "1234567890" })).toEqual({});
  });

  it("explains a bad email, a missing name and a too-long password at once", () => {
    const issues = issuesOf({ name: " ", email: "not-an-email", password: "x".repeat(201) });
    expect(issues.name).toBe("tell us your name");
    expect(issues.email).toMatch(/enter a valid email address/);
    expect(issues.password).toMatch(/limited to 200/);
  });

  it("rejects missing fields with sentences, not type errors", () => {
    const issues = issuesOf({});
    expect(issues).toEqual({ name: "tell us your name", email: "enter your email address", password: "choose a password" });
  });

  it("limits the name to what an order can carry", () => {
    expect(issuesOf({ name: "x".repeat(41), email: "c@example.com", password: "long enough!" }).name).toMatch(/40 characters/);
  });
});

describe("change-password validation", () => {
  it("needs the current password and a new one of at least 10 characters", () => {
    const result = changePasswordInput.safeParse({ currentPassword: "", newPassword: "short" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["currentPassword", "newPassword"]);
  });
});
