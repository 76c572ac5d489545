import { privateKeyToAccount } from "viem/accounts";
import { createSiweMessage, type SiweMessage } from "viem/siwe";
import { describe, expect, it } from "vitest";
import { checkSiweMessage, SIWE_MAX_AGE_MS, SiweRefusedError, siweExpectationsFor, type SiweRefusal } from "./siwe";

// anvil's default accounts #0 and #1 (public test keys).
const alice = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const mallory = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

const now = new Date("2026-11-25T12:00:00Z");
const expected = siweExpectationsFor("http://127.0.0.1:3400", [31337], now);

function message(overrides: Partial<SiweMessage> = {}): string {
  return createSiweMessage({
    domain: "127.0.0.1:3400",
    uri: "http://127.0.0.1:3400",
    version: "1",
    address: alice.address,
    chainId: 31337,
    nonce: "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
    issuedAt: new Date(now.getTime() - 5_000),
    statement: "Sign in to Go Coffee with this wallet.",
    ...overrides,
  });
}

async function refusal(promise: Promise<unknown>): Promise<SiweRefusal | "accepted"> {
  try {
    await promise;
    return "accepted";
  } catch (error) {
    expect(error).toBeInstanceOf(SiweRefusedError);
    return (error as SiweRefusedError).reason;
  }
}

describe("checkSiweMessage", () => {
  it("accepts a message for this site and chain signed by its address, and returns signer, chain and nonce", async () => {
    const text = message();
    const checked = await checkSiweMessage(text, await alice.signMessage({ message: text }), expected);
    expect(checked).toEqual({ address: alice.address, chainId: 31337, nonce: "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6" });
  });

  it("refuses a signature by another key (or of another message)", async () => {
    const text = message();
    expect(await refusal(checkSiweMessage(text, await mallory.signMessage({ message: text }), expected))).toBe("signature");
    expect(await refusal(checkSiweMessage(text, await alice.signMessage({ message: message({ nonce: "ffffffffffffffff" }) }), expected))).toBe("signature");
  });

  it("refuses a message claiming someone else's address", async () => {
    const text = message({ address: alice.address });
    expect(await refusal(checkSiweMessage(text, await mallory.signMessage({ message: text }), expected))).toBe("signature");
  });

  it("refuses another site's domain or URI (a message phished for another app)", async () => {
    const otherDomain = message({ domain: "evil.example" });
    expect(await refusal(checkSiweMessage(otherDomain, await alice.signMessage({ message: otherDomain }), expected))).toBe("domain");
    const otherPort = message({ domain: "127.0.0.1:3000" });
    expect(await refusal(checkSiweMessage(otherPort, await alice.signMessage({ message: otherPort }), expected))).toBe("domain");
    const otherUri = message({ uri: "https://evil.example/login" });
    expect(await refusal(checkSiweMessage(otherUri, await alice.signMessage({ message: otherUri }), expected))).toBe("uri");
  });

  it("refuses chains that are not configured", async () => {
    const mainnet = message({ chainId: 1 });
    expect(await refusal(checkSiweMessage(mainnet, await alice.signMessage({ message: mainnet }), expected))).toBe("chain");
    const allowed = await checkSiweMessage(mainnet, await alice.signMessage({ message: mainnet }), { ...expected, chainIds: [31337, 1] });
    expect(allowed.chainId).toBe(1);
  });

  it("refuses expired, stale and not-yet-valid messages", async () => {
    const cases: [Partial<SiweMessage>, SiweRefusal][] = [
      [{ expirationTime: new Date(now.getTime() - 1) }, "expired"],
      [{ issuedAt: new Date(now.getTime() - SIWE_MAX_AGE_MS - 1_000) }, "expired"],
      [{ notBefore: new Date(now.getTime() + 60_000) }, "not_yet_valid"],
      [{ issuedAt: new Date(now.getTime() + 5 * 60_000) }, "not_yet_valid"],
    ];
    for (const [overrides, reason] of cases) {
      const text = message(overrides);
      expect(await refusal(checkSiweMessage(text, await alice.signMessage({ message: text }), expected))).toBe(reason);
    }
  });

  it("refuses malformed input without throwing anything else", async () => {
    const text = message();
    const signature = await alice.signMessage({ message: text });
    expect(await refusal(checkSiweMessage(undefined, signature, expected))).toBe("malformed");
    expect(await refusal(checkSiweMessage("hello", signature, expected))).toBe("malformed");
    expect(await refusal(checkSiweMessage("x".repeat(5000), signature, expected))).toBe("malformed");
    expect(await refusal(checkSiweMessage(text, "0x1234", expected))).toBe("malformed");
    expect(await refusal(checkSiweMessage(text, 42, expected))).toBe("malformed");
    expect(await refusal(checkSiweMessage(text, `0x${"00".repeat(65)}`, expected))).toBe("signature");
  });

  it("names the domain with its port, as browsers' location.host does", () => {
    expect(siweExpectationsFor("https://coffee.example", [1]).domain).toBe("coffee.example");
    expect(siweExpectationsFor("http://localhost:3000/", [1])).toMatchObject({ domain: "localhost:3000", origin: "http://localhost:3000" });
  });
});
