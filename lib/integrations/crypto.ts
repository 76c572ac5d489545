import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { ConfigError, DEVELOPMENT_INTEGRATIONS_KEYS } from "@/lib/env/schema";

/**
 * Credentials at rest: AES-256-GCM with a random 96-bit IV per encryption, the integration's id as
 * additional authenticated data (a ciphertext copied onto another row does not decrypt), and a
 * key ring with rotation: the newest key encrypts, every key decrypts, and `decrypt` says when a
 * value was under an older key so the caller re-encrypts it (lib/integrations/store.ts does, on use).
 *
 * Stored form: `v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts.
 */

export type Key = { id: string; key: Buffer };
export type KeyRing = readonly Key[];

const VERSION = "v1";

export class CredentialError extends Error {
  override name = "CredentialError";
}

/**
 * The ring from configuration. Production refuses a missing ring and the development key this
 * repository publishes (here, not at app start-up: only code that touches credentials needs keys).
 */
export function keyRingFrom(opts: { nodeEnv: string; configured: KeyRing | undefined }): KeyRing {
  if (opts.configured && opts.configured.length > 0) {
    const published = Buffer.from(DEVELOPMENT_INTEGRATIONS_KEYS.split(":")[1]!, "base64");
    if (opts.nodeEnv === "production" && opts.configured.some((k) => k.key.equals(published))) {
      throw new ConfigError("Invalid configuration: INTEGRATIONS_KEYS holds the development key published in this project; generate your own (openssl rand -base64 32)");
    }
    return opts.configured;
  }
  if (opts.nodeEnv === "production") throw new ConfigError('Invalid configuration: INTEGRATIONS_KEYS must be set in production to store integration credentials (k1:$(openssl rand -base64 32))');
  const [id, b64] = DEVELOPMENT_INTEGRATIONS_KEYS.split(":") as [string, string];
  return [{ id, key: Buffer.from(b64, "base64") }];
}

export function encrypt(ring: KeyRing, plaintext: string, boundTo: string): string {
  const current = ring[0];
  if (!current) throw new ConfigError("Invalid configuration: INTEGRATIONS_KEYS is empty");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, current.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The plaintext, and whether it was under an older key than the newest (re-encrypt it then). */
export function decrypt(ring: KeyRing, stored: string, boundTo: string): { plaintext: string; stale: boolean } {
  const parts = stored.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new CredentialError("stored credential has an unknown format");
  const [, keyId, iv, tag, body] = parts as [string, string, string, string, string];
  const key = ring.find((k) => k.id === keyId);
  if (!key) throw new CredentialError(`stored credential is under key "${keyId}", which INTEGRATIONS_KEYS no longer holds: add it back, or reconnect the integration`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const plaintext = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    return { plaintext, stale: keyId !== ring[0]!.id };
  } catch {
    throw new CredentialError("stored credential does not decrypt (altered, or moved from another integration)");
  }
}
