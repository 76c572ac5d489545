import { DomainError } from "@/lib/errors";
import type { Db } from "@/lib/db";
import type { Mailer } from "@/lib/mail/mailer";
import { confirmEmailMail } from "@/lib/mail/messages";
import { hashLinkToken, isLinkToken, newLinkToken } from "@/lib/security/tokens";

/**
 * Confirming an account's email address: a one-time link (CONFIRM_TTL_HOURS) mailed at sign-up
 * and on request. A confirmed address is what lets a manager add the account to the staff
 * directly (lib/shops/staff.ts); an invitation link confirms the address too. Only the token's
 * hash is stored, with the address it was sent to: a link confirms that address, not a later one.
 */

export const CONFIRM_TTL_HOURS = 48;
const INVALID = "This confirmation link has expired or was already used. Send yourself a new one from your account page.";

type Deps = { db: Db; mailer: Mailer; appUrl: string };

export async function sendEmailConfirmation(deps: Deps, user: { id: string; email: string; name: string }, now = new Date()): Promise<void> {
  if (!user.email) throw new DomainError("invalid", "This account has no email address to confirm.");
  const token = newLinkToken();
  await deps.db.emailVerification.create({ data: { tokenHash: hashLinkToken(token), userId: user.id, email: user.email, expiresAt: new Date(now.getTime() + CONFIRM_TTL_HOURS * 3_600_000) } });
  await deps.mailer.send(confirmEmailMail({ to: user.email, name: user.name, link: `${deps.appUrl}/confirm-email/${token}` }));
}

/** Spends the link and confirms the address it was sent to; returns that address. */
export async function confirmEmail(db: Db, token: unknown, now = new Date()): Promise<string> {
  if (!isLinkToken(token)) throw new DomainError("not_found", INVALID);
  return db.$transaction(async (tx) => {
    const [link] = await tx.$queryRaw<{ user_id: string; email: string; expires_at: Date }[]>`
      DELETE FROM email_verifications WHERE token_hash = ${hashLinkToken(token)} RETURNING user_id, email, expires_at`;
    if (!link || link.expires_at <= now) throw new DomainError("not_found", INVALID);
    const confirmed = await tx.user.updateMany({ where: { id: link.user_id, email: link.email }, data: { emailVerifiedAt: now } });
    if (confirmed.count === 0) throw new DomainError("not_found", INVALID);
    await tx.emailVerification.deleteMany({ where: { userId: link.user_id } });
    return link.email;
  });
}

/** Whether the account's current address is confirmed. */
export async function emailConfirmed(db: Db, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return user?.emailVerifiedAt != null;
}
