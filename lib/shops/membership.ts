import { recordAudit } from "@/lib/audit/audit-log";
import { atLeast } from "@/lib/auth/policy";
import type { Prisma, Role } from "@/lib/db";

/** Membership bookkeeping shared by the staff screens (lib/shops/staff.ts) and sign-up. */

type Tx = Prisma.TransactionClient;

/** Turns the invitations for a new account's email into memberships (called at sign-up). */
export async function acceptInvites(tx: Tx, user: { id: string; email: string }): Promise<number> {
  const invites = await tx.shopInvite.findMany({ where: { email: user.email } });
  if (invites.length === 0) return 0;
  await tx.shopMember.createMany({ data: invites.map((i) => ({ shopId: i.shopId, userId: user.id, role: i.role })), skipDuplicates: true });
  await tx.shopInvite.deleteMany({ where: { email: user.email } });
  await syncGlobalRole(tx, user.id);
  for (const invite of invites) {
    await recordAudit(tx, { shopId: invite.shopId, actor: user, action: "staff.invite_accepted", target: `user:${user.id}`, summary: `${user.email} joined as ${invite.role.toLowerCase()}`, before: null, after: { role: invite.role } });
  }
  return invites.length;
}

/** Global role = the highest membership role (CUSTOMER with none); admins stay admins. */
export async function syncGlobalRole(tx: Tx, userId: string): Promise<void> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, memberships: { select: { role: true } } } });
  if (user.role === "ADMIN") return;
  const highest = user.memberships.map((m) => m.role).reduce<Role>((best, r) => (atLeast(r, best) ? r : best), "CUSTOMER");
  if (highest !== user.role) await tx.user.update({ where: { id: userId }, data: { role: highest } });
}
