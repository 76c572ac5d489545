import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Db, Prisma } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { maskAddress } from "./address";

/**
 * The "stop receipt emails" link in every receipt, which works without signing in (a customer
 * reading mail on another device, and mail providers' one-click unsubscribe, RFC 8058).
 *
 * Two kinds of token, each `<subject>.<HMAC-SHA256 of the purpose and the subject>` under a key
 * derived from the app's secret, so only the platform can make one and it does one thing:
 * - an account's receipt: `<user id>.<mac>` turns that account's receipts off (`users.receipt_emails`);
 * - a guest's receipt: `o-<order id>.<mac>` puts the address the guest gave for that order on the
 *   opt-out list (`receipt_opt_outs`, hashed), so no guest order at that address is mailed again.
 * Tokens do not expire: an unsubscribe link must keep working for as long as the mail sits in an
 * inbox. Stopping twice is harmless.
 */

const ACCOUNT_PURPOSE = "gocoffee:receipts-off:v1";
const GUEST_PURPOSE = "gocoffee:guest-receipts-off:v1";
const GUEST_PREFIX = "o-";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type ReceiptsOffSubject = { kind: "account"; userId: string } | { kind: "guest"; orderId: string };

function mac(purpose: string, id: string, secret: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${id}`).digest("base64url");
}

export function receiptsOffToken(userId: string, secret: string): string {
  return `${userId}.${mac(ACCOUNT_PURPOSE, userId, secret)}`;
}

/** The stop link's token in a guest's receipt: names the order, whose receipt address it stops. */
export function guestReceiptsOffToken(orderId: string, secret: string): string {
  return `${GUEST_PREFIX}${orderId}.${mac(GUEST_PURPOSE, orderId, secret)}`;
}

/** What a token names, or null when it is not one the platform made. */
export function receiptsOffSubject(token: unknown, secret: string): ReceiptsOffSubject | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const [subject, given, ...rest] = token.split(".");
  if (!subject || !given || rest.length > 0) return null;
  const guest = subject.startsWith(GUEST_PREFIX);
  const id = guest ? subject.slice(GUEST_PREFIX.length) : subject;
  if (!UUID.test(id)) return null;
  const expected = Buffer.from(mac(guest ? GUEST_PURPOSE : ACCOUNT_PURPOSE, id, secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return guest ? { kind: "guest", orderId: id } : { kind: "account", userId: id };
}

/** How an address is kept on the opt-out list: never the address itself. */
export function addressHash(address: string): string {
  return createHash("sha256").update(address.trim().toLowerCase()).digest("hex");
}

/** Whether a guest address stopped receipts. */
export async function guestAddressOptedOut(tx: Prisma.TransactionClient | Db, address: string): Promise<boolean> {
  return (await tx.receiptOptOut.count({ where: { addressHash: addressHash(address) } })) > 0;
}

const INVALID = "This link is not one we sent: copy the whole link from the receipt, or turn receipts off on your account page.";

type Target = { email: string; on: boolean; guest: boolean; stop: () => Promise<unknown> };

/** What a link stops, with the masked address; throws on a link we did not make or an account/order that is gone. */
async function linkedTarget(db: Db, token: unknown, secret: string): Promise<Target> {
  const subject = receiptsOffSubject(token, secret);
  if (!subject) throw new DomainError("invalid", INVALID);
  if (subject.kind === "account") {
    const user = await db.user.findUnique({ where: { id: subject.userId }, select: { email: true, receiptEmails: true } });
    if (!user?.email) throw new DomainError("not_found", "This account no longer exists.");
    return { email: maskAddress(user.email), on: user.receiptEmails, guest: false, stop: () => db.user.update({ where: { id: subject.userId }, data: { receiptEmails: false } }) };
  }
  const order = await db.order.findUnique({ where: { id: subject.orderId }, select: { receiptEmail: true } });
  if (!order?.receiptEmail) throw new DomainError("not_found", "This order no longer has an email address.");
  const hash = addressHash(order.receiptEmail);
  return {
    email: maskAddress(order.receiptEmail),
    on: !(await guestAddressOptedOut(db, order.receiptEmail)),
    guest: true,
    stop: () => db.receiptOptOut.createMany({ data: [{ addressHash: hash }], skipDuplicates: true }),
  };
}

/** The masked address a valid link turns receipts off for (shown before the click); throws on a bad link. */
export async function receiptsOffTarget(db: Db, token: unknown, secret: string): Promise<{ email: string; on: boolean; guest: boolean }> {
  const { email, on, guest } = await linkedTarget(db, token, secret);
  return { email, on, guest };
}

/** Turns the link's receipts off; returns the masked address. Bad links change nothing. */
export async function turnReceiptsOff(db: Db, token: unknown, secret: string): Promise<{ email: string }> {
  const target = await linkedTarget(db, token, secret);
  await target.stop();
  return { email: target.email };
}
