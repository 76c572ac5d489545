import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { maskAddress } from "@/lib/integrations/email/channel";

/**
 * The "stop receipt emails" link in every receipt, which works without signing in (a customer
 * reading mail on another device, and mail providers' one-click unsubscribe, RFC 8058).
 *
 * The token is `<user id>.<HMAC-SHA256 of the purpose and the id>` under a key derived from the
 * app's secret: it can only be made by the platform, names one account, and does one thing (turn
 * that account's receipts off). It does not expire: an unsubscribe link must keep working for
 * as long as the mail sits in an inbox. Turning receipts off twice is harmless.
 */

const PURPOSE = "gocoffee:receipts-off:v1";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(userId: string, secret: string): string {
  return createHmac("sha256", secret).update(`${PURPOSE}:${userId}`).digest("base64url");
}

export function receiptsOffToken(userId: string, secret: string): string {
  return `${userId}.${mac(userId, secret)}`;
}

/** The account a token names, or null when it is not one the platform made. */
export function receiptsOffUser(token: unknown, secret: string): string | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const [userId, given, ...rest] = token.split(".");
  if (!userId || !given || rest.length > 0 || !UUID.test(userId)) return null;
  const expected = Buffer.from(mac(userId, secret));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? userId : null;
}

const INVALID = "This link is not one we sent: copy the whole link from the receipt, or turn receipts off on your account page.";

/** The account a link names, with its masked address; throws on a link we did not make or an account that is gone. */
async function linkedAccount(db: Db, token: unknown, secret: string): Promise<{ id: string; email: string; on: boolean }> {
  const id = receiptsOffUser(token, secret);
  if (!id) throw new DomainError("invalid", INVALID);
  const user = await db.user.findUnique({ where: { id }, select: { email: true, receiptEmails: true } });
  if (!user?.email) throw new DomainError("not_found", "This account no longer exists.");
  return { id, email: maskAddress(user.email), on: user.receiptEmails };
}

/** The masked address a valid link turns receipts off for (shown before the click); throws on a bad link. */
export async function receiptsOffTarget(db: Db, token: unknown, secret: string): Promise<{ email: string; on: boolean }> {
  const { email, on } = await linkedAccount(db, token, secret);
  return { email, on };
}

/** Turns the link's account's receipts off; returns the masked address. Bad links change nothing. */
export async function turnReceiptsOff(db: Db, token: unknown, secret: string): Promise<{ email: string }> {
  const { id, email } = await linkedAccount(db, token, secret);
  await db.user.update({ where: { id }, data: { receiptEmails: false } });
  return { email };
}
