import { createHash, randomBytes } from "node:crypto";

/**
 * One-time link tokens (invitations, email confirmation): 256 random bits, base64url. Only their
 * SHA-256 is stored, so a copy of the database opens no link.
 */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** A token in the shape newLinkToken makes (anything else is refused before a lookup). */
export function isLinkToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
