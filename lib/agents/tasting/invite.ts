import type { Prisma } from "@/lib/db";
import { recordEmail } from "@/lib/integrations/email/channel";
import { maskAddress } from "@/lib/mail/address";
import { tastingMail } from "@/lib/mail/tasting";

type Tx = Prisma.TransactionClient;

export const TASTING_MAIL_KIND = "tasting.email";

/**
 * A new tasting's invitation, mailed to each of the shop's staff who score tastings (baristas and
 * managers) with a confirmed address: one delivery per (tasting, person) on the mail channel
 * (`tasting.email:<tasting>:<user>`), sent by the integrations worker's dispatcher, so a redelivered
 * approval mails no one twice. The barista screen's reminder and the Tastings screen say the same
 * in the app. Returns how many were recorded.
 */
export async function inviteStaffToTasting(tx: Tx, tasting: { id: string; shopId: string; name: string; description: string; scheduledAt: Date; scheduleNote: string }, appUrl: string): Promise<number> {
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: tasting.shopId }, select: { name: true, slug: true, timezone: true } });
  const staff = await tx.shopMember.findMany({
    where: { shopId: tasting.shopId, role: { in: ["BARISTA", "MANAGER"] }, user: { email: { not: null }, emailVerifiedAt: { not: null } } },
    select: { userId: true, user: { select: { email: true } } },
    orderBy: { userId: "asc" },
  });
  const link = new URL(`/manager/${encodeURIComponent(shop.slug)}/tastings`, appUrl).toString();
  let recorded = 0;
  for (const member of staff) {
    const to = member.user.email!;
    const mail = tastingMail({ to, shopName: shop.name, drinkName: tasting.name, description: tasting.description, at: tasting.scheduledAt, timezone: shop.timezone, scheduleNote: tasting.scheduleNote, link });
    const summary = `tasting of "${tasting.name}" to ${maskAddress(to)}`;
    if (await recordEmail(tx, { key: `${TASTING_MAIL_KIND}:${tasting.id}:${member.userId}`, kind: TASTING_MAIL_KIND, shopId: tasting.shopId, mail, summary })) recorded++;
  }
  return recorded;
}
