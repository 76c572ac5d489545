import { getAddress, type Address } from "viem";
import { Prisma, type Db } from "@/lib/db";
import type { SessionUser } from "./session-user";
import { loadSessionUser } from "./users";

/**
 * Accounts signed in with a wallet. An address seen for the first time becomes a CUSTOMER account
 * bound to it: no email and no password (both nullable), named after the short address until the
 * person changes it. A wallet is never attached to an existing email account by itself: linking
 * the two must be done by the signed-in owner of both (not built yet), or anyone could claim an
 * account by signing with a fresh wallet.
 */

/** "0xf39F…2266": how a wallet account is named until it has a name. */
export function shortAddress(address: Address): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** The account bound to `address` (stored lower-case), created on first sign-in. */
export async function walletSessionUser(db: Db, address: Address): Promise<SessionUser> {
  const walletAddress = address.toLowerCase();
  let id = (await db.user.findUnique({ where: { walletAddress }, select: { id: true } }))?.id;
  if (!id) {
    try {
      id = (await db.user.create({ data: { walletAddress, name: shortAddress(address), role: "CUSTOMER" }, select: { id: true } })).id;
    } catch (error) {
      // Two first sign-ins of one wallet raced: the other created the account.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      id = (await db.user.findUniqueOrThrow({ where: { walletAddress }, select: { id: true } })).id;
    }
  }
  const user = await loadSessionUser(db, id);
  if (!user) throw new Error(`wallet account ${id} vanished while signing in`);
  return user;
}

/** How an account signs in, for its profile page: its wallet (checksummed) and whether it has a password. */
export async function signInMethods(db: Db, userId: string): Promise<{ walletAddress: Address | null; hasPassword: boolean }> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { walletAddress: true, passwordHash: true } });
  return { walletAddress: row?.walletAddress ? getAddress(row.walletAddress) : null, hasPassword: Boolean(row?.passwordHash) };
}
