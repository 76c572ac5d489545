import { z } from "zod";
import { DomainError, invalid } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/audit-log";
import { can } from "@/lib/auth/policy";
import type { SessionUser } from "@/lib/auth/session-user";
import { emailSchema } from "@/lib/auth/users";
import type { Db, Role } from "@/lib/db";
import type { Mailer } from "@/lib/mail/mailer";
import { addedToShopMail } from "@/lib/mail/messages";
import { inviteStaff, staffHome } from "./invites";
import { syncGlobalRole } from "@/lib/auth/membership";

/**
 * A shop's staff: members (baristas and managers) and invitations for people without an account
 * yet. Managers add and remove baristas; only admins make or unmake managers. Policy acts with
 * the lower of a user's global role and their membership role, so joining a shop also raises the
 * global role to the membership's, and leaving the last shop lowers it back (never an admin's).
 * Sessions pick up the change within a minute (the JWT refresh).
 */

export type StaffMember = { userId: string; email: string | null; name: string; role: Role; since: string };
export type StaffInvite = { email: string; role: Role; invitedAt: string; expiresAt: string; expired: boolean };

export async function listStaff(db: Db, shopId: string): Promise<{ members: StaffMember[]; invites: StaffInvite[] }> {
  const [members, invites] = await Promise.all([
    db.shopMember.findMany({ where: { shopId }, include: { user: { select: { email: true, name: true } } }, orderBy: [{ role: "desc" }, { createdAt: "asc" }] }),
    db.shopInvite.findMany({ where: { shopId }, orderBy: { createdAt: "asc" } }),
  ]);
  return {
    members: members.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, since: m.createdAt.toISOString() })),
    invites: invites.map((i) => ({ email: i.email, role: i.role, invitedAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString(), expired: i.expiresAt <= new Date() })),
  };
}

const assignInput = z.object({ email: emailSchema, role: z.enum(["BARISTA", "MANAGER"], "Choose barista or manager.") });

export type StaffDeps = { db: Db; mailer: Mailer; appUrl: string };

/**
 * Adds the person with this email to the staff with `role`. Only an address its owner has
 * confirmed can be given a role directly: an account with a confirmed email becomes a member at
 * once (and is told by mail); anyone else (no account yet, or an address nobody confirmed, which
 * anyone could have signed up with) gets a one-time invitation link by mail, and becomes staff by
 * opening it signed in with that address (lib/shops/invites.ts). Returns what happened.
 */
export async function assignStaff(deps: StaffDeps, actor: SessionUser, shopId: string, raw: unknown): Promise<"assigned" | "invited"> {
  const parsed = assignInput.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { email, role } = parsed.data;
  if (role === "MANAGER" && !can(actor, "user:manage")) throw new DomainError("forbidden", "Only an admin can make someone a manager.");

  const user = await deps.db.user.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true, memberships: { where: { shopId } } } });
  if (!user?.emailVerifiedAt) {
    await inviteStaff(deps, actor, shopId, { email, role });
    return "invited";
  }
  const current = user.memberships[0];
  if (current?.role === "MANAGER" && role !== "MANAGER" && !can(actor, "user:manage")) throw new DomainError("forbidden", "Only an admin can change a manager's role.");
  if (current?.role === role) return "assigned";
  const shop = await deps.db.$transaction(async (tx) => {
    await tx.shopMember.upsert({ where: { shopId_userId: { shopId, userId: user.id } }, create: { shopId, userId: user.id, role }, update: { role } });
    await syncGlobalRole(tx, user.id);
    await recordAudit(tx, {
      shopId,
      actor,
      action: "staff.assigned",
      target: `user:${user.id}`,
      summary: current ? `${email}: ${current.role.toLowerCase()} → ${role.toLowerCase()}` : `Added ${email} as ${role.toLowerCase()}`,
      before: current ? { role: current.role } : null,
      after: { role },
    });
    return tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { name: true, slug: true } });
  });
  // Telling them is a courtesy: the membership stands even if the mail does not go out.
  await deps.mailer.send(addedToShopMail({ to: email, shopName: shop.name, role, addedBy: actor.name, link: `${deps.appUrl}${staffHome(role, shop.slug)}` })).catch(() => undefined);
  return "assigned";
}

export async function removeStaff(db: Db, actor: SessionUser, shopId: string, userId: unknown): Promise<void> {
  const id = z.uuid("Choose a staff member.").safeParse(userId);
  if (!id.success) throw invalid(id.error);
  if (id.data === actor.id) throw new DomainError("invalid", "You cannot remove yourself; ask another manager or an admin.");
  await db.$transaction(async (tx) => {
    const member = await tx.shopMember.findUnique({ where: { shopId_userId: { shopId, userId: id.data } }, include: { user: { select: { email: true, name: true } } } });
    if (!member) throw new DomainError("not_found", "That person is not on this shop's staff.");
    if (member.role === "MANAGER" && !can(actor, "user:manage")) throw new DomainError("forbidden", "Only an admin can remove a manager.");
    await tx.shopMember.delete({ where: { shopId_userId: { shopId, userId: id.data } } });
    await syncGlobalRole(tx, id.data);
    const who = member.user.email ?? member.user.name;
    await recordAudit(tx, { shopId, actor, action: "staff.removed", target: `user:${id.data}`, summary: `Removed ${who} (${member.role.toLowerCase()})`, before: { role: member.role }, after: null });
  });
}

export async function cancelInvite(db: Db, actor: SessionUser, shopId: string, rawEmail: unknown): Promise<void> {
  const email = emailSchema.safeParse(rawEmail);
  if (!email.success) throw invalid(email.error);
  await db.$transaction(async (tx) => {
    const invite = await tx.shopInvite.findUnique({ where: { shopId_email: { shopId, email: email.data } } });
    if (!invite) throw new DomainError("not_found", "There is no invitation for that email.");
    if (invite.role === "MANAGER" && !can(actor, "user:manage")) throw new DomainError("forbidden", "Only an admin can withdraw a manager invitation.");
    await tx.shopInvite.delete({ where: { shopId_email: { shopId, email: email.data } } });
    await recordAudit(tx, { shopId, actor, action: "staff.invite_cancelled", target: `invite:${email.data}`, summary: `Withdrew the invitation for ${email.data}`, before: { role: invite.role }, after: null });
  });
}
