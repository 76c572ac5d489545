import { getAddress, verifyMessage, type Address, type Hex } from "viem";
import { parseSiweMessage } from "viem/siwe";
import { DomainError } from "@/lib/errors";
import { SIWE_REFUSED } from "./messages";

/**
 * Sign-In with Ethereum (EIP-4361): the checks on a signed message, without IO. The nonce is
 * checked (and spent) by the caller against the server's nonce store (siwe-nonces.ts), since only
 * the server knows which nonces it issued to which browser.
 *
 * Signatures are verified locally (ecrecover): externally owned accounts only. Smart-contract
 * wallets (ERC-1271/6492) would need an RPC call to the chain of the message; not supported yet.
 */

export type SiweRefusal = "malformed" | "domain" | "uri" | "chain" | "expired" | "not_yet_valid" | "signature" | "nonce";

/** A refused sign-in: one sentence for people, the precise reason for logs and tests. */
export class SiweRefusedError extends DomainError {
  constructor(readonly reason: SiweRefusal) {
    super("unauthenticated", SIWE_REFUSED);
  }
}

export type SiweExpectations = {
  /** RFC 3986 authority the message must name: our host (and port), from APP_URL. */
  domain: string;
  /** Origin the message's URI must have (a message for another site is not for us). */
  origin: string;
  /** Chains we accept sign-ins from (WALLET_CHAIN_IDS). */
  chainIds: readonly number[];
  now: Date;
};

/** A message older than this is refused even without an expiration time (nonces live 5 minutes anyway). */
export const SIWE_MAX_AGE_MS = 10 * 60_000;
/** Clock skew tolerated for issuedAt in the future. */
const SKEW_MS = 60_000;
/** Sane bounds: a SIWE message is a few hundred bytes; an EOA signature is 65 bytes. */
const MAX_MESSAGE_LENGTH = 4096;
const EOA_SIGNATURE = /^0x[0-9a-fA-F]{130}$/;

export type CheckedSiwe = { address: Address; chainId: number; nonce: string };

/** The message's signer, chain and nonce if everything but the nonce checks out; else SiweRefusedError. */
export async function checkSiweMessage(message: unknown, signature: unknown, expected: SiweExpectations): Promise<CheckedSiwe> {
  if (typeof message !== "string" || message.length === 0 || message.length > MAX_MESSAGE_LENGTH) throw new SiweRefusedError("malformed");
  if (typeof signature !== "string" || !EOA_SIGNATURE.test(signature)) throw new SiweRefusedError("malformed");

  let fields: ReturnType<typeof parseSiweMessage>;
  try {
    fields = parseSiweMessage(message);
  } catch {
    throw new SiweRefusedError("malformed");
  }
  const { address, domain, uri, version, chainId, nonce, issuedAt, expirationTime, notBefore } = fields;
  if (!address || !domain || !uri || version !== "1" || !chainId || !nonce || !issuedAt) throw new SiweRefusedError("malformed");

  if (domain !== expected.domain) throw new SiweRefusedError("domain");
  if (originOf(uri) !== expected.origin) throw new SiweRefusedError("uri");
  if (!expected.chainIds.includes(chainId)) throw new SiweRefusedError("chain");

  const now = expected.now.getTime();
  if (Number.isNaN(issuedAt.getTime()) || issuedAt.getTime() > now + SKEW_MS) throw new SiweRefusedError("not_yet_valid");
  if (notBefore && notBefore.getTime() > now) throw new SiweRefusedError("not_yet_valid");
  if (now - issuedAt.getTime() > SIWE_MAX_AGE_MS || (expirationTime && expirationTime.getTime() <= now)) throw new SiweRefusedError("expired");

  let signer: Address;
  try {
    signer = getAddress(address);
  } catch {
    throw new SiweRefusedError("malformed");
  }
  const valid = await verifyMessage({ address: signer, message, signature: signature as Hex }).catch(() => false);
  if (!valid) throw new SiweRefusedError("signature");
  return { address: signer, chainId, nonce };
}

function originOf(uri: string): string | null {
  try {
    return new URL(uri).origin;
  } catch {
    return null;
  }
}

/** Where the app lives, as SIWE messages must name it (from APP_URL). */
export function siweExpectationsFor(appUrl: string, chainIds: readonly number[], now = new Date()): SiweExpectations {
  const url = new URL(appUrl);
  return { domain: url.host, origin: url.origin, chainIds, now };
}
