import { randomBytes } from "node:crypto";

/**
 * The browser's Sign-In with Ethereum binding: a random value in an httpOnly cookie, set when the
 * browser first asks for a nonce. Nonces are stored against it, so a nonce obtained by one browser
 * (or scraped from a signed message) cannot sign in another. It identifies nothing else and lives
 * as long as the browser session.
 */

export const SIWE_BINDING_COOKIE = "gocoffee.siwe";
const VALUE = /^[A-Za-z0-9_-]{43}$/;

export function newSiweBinding(): string {
  return randomBytes(32).toString("base64url");
}

/** The binding from a Cookie header (or a parsed value), or null if missing or malformed. */
export function siweBindingFromCookieHeader(header: string | string[] | undefined | null): string | null {
  const text = Array.isArray(header) ? header.join("; ") : header;
  if (!text) return null;
  for (const part of text.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === SIWE_BINDING_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return VALUE.test(value) ? value : null;
    }
  }
  return null;
}

export function isSiweBinding(value: string | undefined | null): value is string {
  return typeof value === "string" && VALUE.test(value);
}
