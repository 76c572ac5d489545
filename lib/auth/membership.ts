import { atLeast } from "./policy";
import type { Prisma, Role } from "@/lib/db";

/**
 * Membership bookkeeping: a user's global role follows their shop memberships (lib/shops/staff.ts
 * and invites.ts change memberships and call this; lib/auth never imports lib/shops).
 */

type Tx = Prisma.TransactionClient;

/** Global role = the highest membership role (CUSTOMER with none); admins stay admins. */
export async function syncGlobalRole(tx: Tx, userId: string): Promise<void> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, memberships: { select: { role: true } } } });
  if (user.role === "ADMIN") return;
  const highest = user.memberships.map((m) => m.role).reduce<Role>((best, r) => (atLeast(r, best) ? r : best), "CUSTOMER");
  if (highest !== user.role) await tx.user.update({ where: { id: userId }, data: { role: highest } });
}
