import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, DEVELOPMENT_INTEGRATIONS_KEYS, parseEnv } from "@/lib/env/schema";
import { CredentialError, decrypt, encrypt, keyRingFrom, type KeyRing } from "./crypto";

const key = (id: string) => ({ id, key: randomBytes(32) });

describe("credential encryption", () => {
  const k1 = key("k1");
  const k2 = key("k2");

  it("round-trips, with a fresh IV each time and no plaintext in the stored form", () => {
    const ring: KeyRing = [k1];
    const a = encrypt(ring, "xoxb-secret-token", "integration-1");
    const b = encrypt(ring, "xoxb-secret-token", "integration-1");
    expect(a).not.toEqual(b);
    expect(a).not.toContain("xoxb");
    expect(a.startsWith("v1.k1.")).toBe(true);
    expect(decrypt(ring, a, "integration-1")).toEqual({ plaintext: "xoxb-secret-token", stale: false });
  });

  it("refuses altered ciphertext and a ciphertext moved to another row", () => {
    const ring: KeyRing = [k1];
    const stored = encrypt(ring, "xoxb-secret-token", "integration-1");
    const parts = stored.split(".");
    const body = Buffer.from(parts[4]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString("base64url");
    expect(() => decrypt(ring, parts.join("."), "integration-1")).toThrow(CredentialError);
    expect(() => decrypt(ring, stored, "integration-2")).toThrow(/moved from another integration/);
  });

  it("rotates: a new key in front encrypts, the old one still decrypts and reports the value stale", () => {
    const old = encrypt([k1], "token", "i");
    const rotated: KeyRing = [k2, k1];
    expect(decrypt(rotated, old, "i")).toEqual({ plaintext: "token", stale: true });
    const renewed = encrypt(rotated, "token", "i");
    expect(renewed.startsWith("v1.k2.")).toBe(true);
    expect(decrypt(rotated, renewed, "i").stale).toBe(false);
    // Once the old key is dropped, values under it say which key is missing.
    expect(() => decrypt([k2], old, "i")).toThrow(/key "k1", which INTEGRATIONS_KEYS no longer holds/);
  });

  it("production refuses a missing key ring and the published development key; development falls back to it", () => {
    expect(() => keyRingFrom({ nodeEnv: "production", configured: undefined })).toThrow(ConfigError);
    const published = parseEnv({ INTEGRATIONS_KEYS: `prod:${DEVELOPMENT_INTEGRATIONS_KEYS.split(":")[1]}` }).INTEGRATIONS_KEYS;
    expect(() => keyRingFrom({ nodeEnv: "production", configured: published })).toThrow(/development key published/);
    expect(keyRingFrom({ nodeEnv: "production", configured: [k1] })).toEqual([k1]);
    expect(keyRingFrom({ nodeEnv: "development", configured: undefined })[0]!.key).toHaveLength(32);
  });

  it("configuration refuses keys that are not 32 bytes and repeated ids", () => {
    expect(() => parseEnv({ INTEGRATIONS_KEYS: `k1:${randomBytes(16).toString("base64")}` })).toThrow(/must be 32 bytes/);
    const b64 = randomBytes(32).toString("base64");
    expect(() => parseEnv({ INTEGRATIONS_KEYS: `k1:${b64},k1:${b64}` })).toThrow(/unique/);
    expect(parseEnv({ INTEGRATIONS_KEYS: `k2:${b64},k1:${randomBytes(32).toString("base64")}` }).INTEGRATIONS_KEYS!.map((k) => k.id)).toEqual(["k2", "k1"]);
  });
});
