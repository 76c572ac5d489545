import type { Metadata } from "next";
import Link from "next/link";
import { requireSignedIn } from "@/lib/auth/session";
import { emailConfirmed } from "@/lib/auth/email-confirmation";
import { signInMethods } from "@/lib/auth/siwe-accounts";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { accountDevices } from "@/lib/push/account-devices";
import { AccountNotifications } from "@/components/account/account-notifications";
import { slackLinksOf } from "@/lib/integrations/slack/links";
import { linkedChats } from "@/lib/integrations/telegram/link";
import { receiptEmailsOn } from "@/lib/mail/preferences";
import { ChangePasswordForm } from "../_components/change-password-form";
import { ReceiptSetting } from "../_components/receipt-setting";
import { ResendConfirmation } from "../_components/resend-confirmation";
import { SignOutEverywhere } from "../_components/sign-out-everywhere";
import { SlackLinks } from "../_components/slack-links";
import { PushDevices } from "../_components/push-devices";
import { TelegramLink } from "../_components/telegram-link";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireSignedIn("/account");
  const [{ walletAddress, hasPassword }, confirmed, chats, slackLinks, receipts, pushDevices] = await Promise.all([
    signInMethods(db(), user.id),
    emailConfirmed(db(), user.id),
    linkedChats(db(), user.id),
    slackLinksOf(db(), user.id),
    receiptEmailsOn(db(), user.id),
    // Off when the server has no VAPID keys (push is then off everywhere).
    env().VAPID_PUBLIC_KEY ? accountDevices(db(), user.id) : null,
  ]);
  return (
    <div className="grid gap-10">
      <header>
        <h1 className="text-2xl font-bold tracking-tight">Account</h1>
        <p className="mt-2 text-espresso/70">
          See <Link href="/account/orders" className="font-semibold underline underline-offset-2">your orders</Link>
          {hasPassword ? " or change your password." : "."}
        </p>
      </header>
      <section aria-labelledby="profile" className="rounded-2xl bg-white p-6 ring-1 ring-espresso/10">
        <h2 id="profile" className="text-lg font-semibold">Profile</h2>
        <dl className="mt-4 grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
          <dt className="text-espresso/75">Name</dt>
          <dd className="font-medium">{user.name}</dd>
          {user.email ? (
            <>
              <dt className="text-espresso/75">Email</dt>
              <dd className="font-medium">
                {user.email} {confirmed ? <span className="ml-1 text-xs font-semibold text-emerald-800">Confirmed</span> : <ResendConfirmation />}
              </dd>
            </>
          ) : null}
          {walletAddress ? (
            <>
              <dt className="text-espresso/75">Wallet</dt>
              <dd className="font-mono text-xs font-medium break-all">{walletAddress}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {/* Wallet-only accounts have no address to mail a receipt to. */}
      {user.email ? (
        <section aria-labelledby="email-settings" className="rounded-2xl bg-white p-6 ring-1 ring-espresso/10">
          <h2 id="email-settings" className="mb-3 text-lg font-semibold">Emails</h2>
          <ReceiptSetting initial={receipts} confirmed={confirmed} />
        </section>
      ) : null}
      {/* Wallet-only accounts have no password to change. */}
      {hasPassword ? (
        <section aria-labelledby="password" className="rounded-2xl bg-white p-6 ring-1 ring-espresso/10">
          <h2 id="password" className="mb-5 text-lg font-semibold">Change password</h2>
          <div className="max-w-sm">
            <ChangePasswordForm email={user.email} />
          </div>
        </section>
      ) : null}
      {pushDevices ? (
        <>
          <AccountNotifications vapidPublicKey={env().VAPID_PUBLIC_KEY!} deviceHashes={pushDevices.map((d) => d.hash)} />
          <PushDevices devices={pushDevices} />
        </>
      ) : null}
      <section aria-labelledby="telegram" className="rounded-2xl bg-white p-6 ring-1 ring-espresso/10">
        <h2 id="telegram" className="mb-3 text-lg font-semibold">Telegram</h2>
        <TelegramLink chats={chats.map((c) => ({ chatId: c.chatId, linkedAt: c.linkedAt.toISOString(), blockedAt: c.blockedAt?.toISOString() ?? null }))} staff={user.shops.some((s) => s.role === "MANAGER" || s.role === "ADMIN") ? "manager" : user.shops.some((s) => s.role === "BARISTA") ? "barista" : null} />
      </section>
      {/* Only once a Slack user is linked: the link starts in Slack (a proposal's button), not here. */}
      {slackLinks.length > 0 ? (
        <section aria-labelledby="slack" className="rounded-2xl bg-white p-6 ring-1 ring-espresso/10">
          <h2 id="slack" className="mb-3 text-lg font-semibold">Slack</h2>
          <SlackLinks links={slackLinks.map((l) => ({ ...l, linkedAt: l.linkedAt.toISOString() }))} />
        </section>
      ) : null}
      <section aria-labelledby="sessions" className="rounded-2xl bg-white p-6 ring-1 ring-espresso/10">
        <h2 id="sessions" className="mb-3 text-lg font-semibold">Sessions</h2>
        <SignOutEverywhere />
      </section>
    </div>
  );
}
