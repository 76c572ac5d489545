import { describe, expect, it } from "vitest";
import { newSiweBinding, SIWE_BINDING_COOKIE, siweBindingFromCookieHeader } from "./siwe-binding";

describe("siwe binding cookie", () => {
  it("reads its own cookie among others, and nothing malformed", () => {
    const binding = newSiweBinding();
    expect(siweBindingFromCookieHeader(`a=1; ${SIWE_BINDING_COOKIE}=${binding}; next-auth.csrf-token=x`)).toBe(binding);
    expect(siweBindingFromCookieHeader(`${SIWE_BINDING_COOKIE}=short`)).toBeNull();
    expect(siweBindingFromCookieHeader(`x${SIWE_BINDING_COOKIE}=${binding}`)).toBeNull();
    expect(siweBindingFromCookieHeader(undefined)).toBeNull();
    expect(newSiweBinding()).not.toBe(binding);
  });
});
