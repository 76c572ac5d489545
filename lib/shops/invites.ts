import { DomainError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/audit-log";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Db, Role } from "@/lib/db";
import type { Mailer } from "@/lib/mail/mailer";
import { invitationMail } from "@/lib/mail/messages";
import { hashLinkToken, isLinkToken, newLinkToken } from "@/lib/security/tokens";
import { atLeast } from "@/lib/auth/policy";
import { syncGlobalRole } from "@/lib/auth/membership";

/**
 * Staff invitations: a one-time link mailed to the invited address. Opening it signed in with
 * that address makes the account a member (and marks the address confirmed: only its owner could
 * have read the mail). A link works once and for INVITE_TTL_DAYS; inviting again replaces it.
 * Only the link token's hash is stored.
 */

export const INVITE_TTL_DAYS = 7;
const EXPIRED = "This invitation link has expired or was already used. Ask the shop's manager to invite you again.";

type Deps = { db: Db; mailer: Mailer; appUrl: string };
type StaffRole = Extract<Role, "BARISTA" | "MANAGER">;

/** Where a member of this role works: the queue for baristas, the shop's screens for managers. */
export function staffHome(role: Role, shopSlug: string): string {
  return role === "BARISTA" ? `/barista/${shopSlug}` : `/manager/${shopSlug}/menu`;
}

/**
 * Creates (or renews) the invitation and mails its link, in one transaction: when the mail
 * cannot be sent nothing is saved, and the manager is told to try again.
 */
export async function inviteStaff(deps: Deps, actor: SessionUser, shopId: string, input: { email: string; role: StaffRole }, now = new Date()): Promise<void> {
  const token = newLinkToken();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000);
  const { email, role } = input;
  await deps.db.$transaction(
    async (tx) => {
      const previous = await tx.shopInvite.findUnique({ where: { shopId_email: { shopId, email } } });
      const data = { role, invitedById: actor.id, tokenHash: hashLinkToken(token), expiresAt, createdAt: now };
      await tx.shopInvite.upsert({ where: { shopId_email: { shopId, email } }, create: { shopId, email, ...data }, update: data });
      await recordAudit(tx, { shopId, actor, action: "staff.invited", target: `invite:${email}`, summary: `Invited ${email} as ${role.toLowerCase()}`, before: previous ? { role: previous.role } : null, after: { role } });
      const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { name: true } });
      await deps.mailer.send(invitationMail({ to: email, shopName: shop.name, role, invitedBy: actor.name, link: `${deps.appUrl}/invites/${token}`, expiresAt }));
    },
    { timeout: 20_000 },
  );
}

export type InviteView = { shop: { slug: string; name: string }; email: string; role: Role; expiresAt: string };

/** What an invitation link offers, or null when the link is unknown, used or expired. */
export async function findInvite(db: Db, token: unknown, now = new Date()): Promise<InviteView | null> {
  if (!isLinkToken(token)) return null;
  const invite = await db.shopInvite.findUnique({ where: { tokenHash: hashLinkToken(token) }, include: { shop: { select: { slug: true, name: true } } } });
  if (!invite || invite.expiresAt <= now) return null;
  return { shop: invite.shop, email: invite.email, role: invite.role, expiresAt: invite.expiresAt.toISOString() };
}

/**
 * Accepts the invitation for the signed-in `user`, who must hold the invited address. Spends the
 * link (once: the row is locked and deleted), confirms the address, makes them a member (never
 * lowering a higher role they already hold there) and returns where they now work.
 */
export async function acceptInvite(db: Db, token: unknown, user: SessionUser, now = new Date()): Promise<{ shopSlug: string; role: Role; home: string }> {
  if (!isLinkToken(token)) throw new DomainError("not_found", EXPIRED);
  return db.$transaction(async (tx) => {
    const [invite] = await tx.$queryRaw<{ shop_id: string; email: string; role: Role; expires_at: Date }[]>`
      SELECT shop_id, email, role::text AS role, expires_at FROM shop_invites WHERE token_hash = ${hashLinkToken(token)} FOR UPDATE`;
    if (!invite || invite.expires_at <= now) throw new DomainError("not_found", EXPIRED);
    if (!user.email || user.email.toLowerCase() !== invite.email) {
      throw new DomainError("forbidden", `This invitation is for ${invite.email}. Sign in with that address to accept it.`);
    }
    await tx.shopInvite.delete({ where: { shopId_email: { shopId: invite.shop_id, email: invite.email } } });
    await tx.user.updateMany({ where: { id: user.id, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    const current = await tx.shopMember.findUnique({ where: { shopId_userId: { shopId: invite.shop_id, userId: user.id } } });
    const role = current && atLeast(current.role, invite.role) ? current.role : invite.role;
    await tx.shopMember.upsert({ where: { shopId_userId: { shopId: invite.shop_id, userId: user.id } }, create: { shopId: invite.shop_id, userId: user.id, role }, update: { role } });
    await syncGlobalRole(tx, user.id);
    await recordAudit(tx, { shopId: invite.shop_id, actor: user, action: "staff.invite_accepted", target: `user:${user.id}`, summary: `${invite.email} joined as ${role.toLowerCase()}`, before: current ? { role: current.role } : null, after: { role } });
    const shop = await tx.shop.findUniqueOrThrow({ where: { id: invite.shop_id }, select: { slug: true } });
    return { shopSlug: shop.slug, role, home: staffHome(role, shop.slug) };
  });
}
