import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signInPath } from "./callback-url";
import { signInErrorMessage, WRONG_CREDENTIALS } from "./messages";

describe("safeCallbackUrl", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackUrl("/account/orders?page=2#x")).toBe("/account/orders?page=2#x");
    expect(safeCallbackUrl("http://127.0.0.1:3100/account")).toBe("/account");
  });

  it("never leaves the site", () => {
    for (const bad of ["//evil.example/x", "/\\evil.example", "javascript:alert(1)", "evil.example", "", "/\nx", undefined, 42]) {
      expect(safeCallbackUrl(bad, "/home")).toBe("/home");
    }
    expect(safeCallbackUrl("https://evil.example/steal")).toBe("/steal");
  });

  it("builds the sign-in link", () => {
    expect(signInPath("/account/orders")).toBe("/sign-in?callbackUrl=%2Faccount%2Forders");
  });
});

describe("signInErrorMessage", () => {
  it("shows only sentences it knows", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe(WRONG_CREDENTIALS);
    expect(signInErrorMessage(WRONG_CREDENTIALS)).toBe(WRONG_CREDENTIALS);
    expect(signInErrorMessage("Too many attempts. Try again in 14 minutes.")).toBe("Too many attempts. Try again in 14 minutes.");
    expect(signInErrorMessage("Call +1 555 0100 to unlock your account")).toBe("Signing in did not work. Please try again.");
    expect(signInErrorMessage(null)).toBeNull();
  });
});
