import { randomUUID } from "node:crypto";
import { privateKeyToAccount, generatePrivateKey } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createRateLimiter } from "@/lib/security/rate-limit";
import { createRedis } from "@/lib/security/redis";
import { siweExpectationsFor, SiweRefusedError, type SiweRefusal } from "./siwe";
import { signInMethods } from "./siwe-accounts";
import { newSiweBinding } from "./siwe-binding";
import { createSiweNonceStore } from "./siwe-nonces";
import { issueSiweNonce, SIWE_NONCES_PER_IP, signInWithEthereum } from "./siwe-sign-in";

/** Sign-In with Ethereum against the real database and Redis: nonces, replay, accounts. */

const db = createDb(env().DATABASE_URL, 4);
const redis = createRedis(env().REDIS_URL);
const prefix = `${env().REDIS_KEY_PREFIX}test-${randomUUID().slice(0, 8)}:`;
const nonces = createSiweNonceStore(redis, prefix);
const limiter = createRateLimiter(redis, prefix);
const deps = { db, nonces, limiter };
const APP = "http://127.0.0.1:3400";

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await db.$disconnect();
});

type Account = ReturnType<typeof privateKeyToAccount>;

async function signed(account: Account, nonce: string, overrides: { domain?: string; chainId?: number } = {}) {
  const message = createSiweMessage({ domain: "127.0.0.1:3400", uri: APP, version: "1", address: account.address, chainId: 31337, nonce, issuedAt: new Date(), ...overrides });
  return { message, signature: await account.signMessage({ message }) };
}

const expected = () => siweExpectationsFor(APP, [31337]);

async function refusal(promise: Promise<unknown>): Promise<SiweRefusal | "accepted"> {
  try {
    await promise;
    return "accepted";
  } catch (error) {
    if (!(error instanceof SiweRefusedError)) throw error;
    return error.reason;
  }
}

describe("signInWithEthereum", () => {
  it("creates a CUSTOMER account for a new wallet (no email, no password), and signs the same account in next time", async () => {
    const wallet = privateKeyToAccount(generatePrivateKey());
    const binding = newSiweBinding();
    const first = await signInWithEthereum(deps, { ...(await signed(wallet, await nonces.issue(binding))), binding }, expected());
    expect(first).toMatchObject({ role: "CUSTOMER", email: "", name: `${wallet.address.slice(0, 6)}…${wallet.address.slice(-4)}`, shops: [] });
    const row = await db.user.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ walletAddress: wallet.address.toLowerCase(), email: null, passwordHash: null });
    expect(await signInMethods(db, first.id)).toEqual({ walletAddress: wallet.address, hasPassword: false });

    const again = await signInWithEthereum(deps, { ...(await signed(wallet, await nonces.issue(binding))), binding }, expected());
    expect(again.id).toBe(first.id);
    expect(await db.user.count({ where: { walletAddress: wallet.address.toLowerCase() } })).toBe(1);
  });

  it("refuses a replayed message: a signed message signs in once", async () => {
    const wallet = privateKeyToAccount(generatePrivateKey());
    const binding = newSiweBinding();
    const attempt = { ...(await signed(wallet, await nonces.issue(binding))), binding };
    await signInWithEthereum(deps, attempt, expected());
    expect(await refusal(signInWithEthereum(deps, attempt, expected()))).toBe("nonce");
  });

  it("refuses a nonce the server never issued, and one issued to another browser (which it also spends)", async () => {
    const wallet = privateKeyToAccount(generatePrivateKey());
    const binding = newSiweBinding();
    expect(await refusal(signInWithEthereum(deps, { ...(await signed(wallet, "0123456789abcdef0123456789abcdef")), binding }, expected()))).toBe("nonce");

    const othersNonce = await nonces.issue(newSiweBinding());
    expect(await refusal(signInWithEthereum(deps, { ...(await signed(wallet, othersNonce)), binding }, expected()))).toBe("nonce");
    expect(await refusal(signInWithEthereum(deps, { ...(await signed(wallet, await nonces.issue(binding))), binding: null }, expected()))).toBe("nonce");
    expect(await db.user.count({ where: { walletAddress: wallet.address.toLowerCase() } })).toBe(0);
  });

  it("refuses wrong domain, wrong chain and bad signatures, leaving the nonce usable (it was never presented with a valid message)", async () => {
    const wallet = privateKeyToAccount(generatePrivateKey());
    const other = privateKeyToAccount(generatePrivateKey());
    const binding = newSiweBinding();
    const nonce = await nonces.issue(binding);
    expect(await refusal(signInWithEthereum(deps, { ...(await signed(wallet, nonce, { domain: "evil.example" })), binding }, expected()))).toBe("domain");
    expect(await refusal(signInWithEthereum(deps, { ...(await signed(wallet, nonce, { chainId: 1 })), binding }, expected()))).toBe("chain");
    const good = await signed(wallet, nonce);
    expect(await refusal(signInWithEthereum(deps, { message: good.message, signature: await other.signMessage({ message: good.message }), binding }, expected()))).toBe("signature");
    expect(await refusal(signInWithEthereum(deps, { ...good, binding }, expected()))).toBe("accepted");
  });

  it("lets a nonce expire", async () => {
    const shortLived = createSiweNonceStore(redis, prefix, 1);
    const wallet = privateKeyToAccount(generatePrivateKey());
    const binding = newSiweBinding();
    const nonce = await shortLived.issue(binding);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await refusal(signInWithEthereum({ db, nonces: shortLived }, { ...(await signed(wallet, nonce)), binding }, expected()))).toBe("nonce");
  });
});

describe("issueSiweNonce", () => {
  it("limits nonces per IP", async () => {
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const binding = newSiweBinding();
    for (let i = 0; i < SIWE_NONCES_PER_IP.limit; i++) await issueSiweNonce(deps, { binding, ip });
    await expect(issueSiweNonce(deps, { binding, ip })).rejects.toMatchObject({ code: "rate_limited" });
    expect(await issueSiweNonce(deps, { binding, ip: null })).toMatch(/^[0-9a-f]{32}$/);
  });
});
