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
import { mailSettings } from "@/lib/mail/preferences";
import { ChangePasswordForm } from "../_components/change-password-form";
import { MailSetting } from "../_components/mail-setting";
import { ResendConfirmation } from "../_components/resend-confirmation";
import { SignOutEverywhere } from "../_components/sign-out-everywhere";
import { SlackLinks } from "../_components/slack-links";
import { PushDevices } from "../_components/push-devices";
import { TelegramLink } from "../_components/telegram-link";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireSignedIn("/account");
  const [{ walletAddress, hasPassword }, confirmed, chats, slackLinks, mail, pushDevices] = await Promise.all([
    signInMethods(db(), user.id),
    emailConfirmed(db(), user.id),
    linkedChats(db(), user.id),
    slackLinksOf(db(), user.id),
    mailSettings(db(), user.id),
    // Off when the server has no VAPID keys (push is then off everywhere).
    env().VAPID_PUBLIC_KEY ? accountDevices(db(), user.id) : null,
  ]);
  const manages = user.shops.some((s) => s.role === "MANAGER" || s.role === "ADMIN");
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
          <div className="grid gap-5">
            <MailSetting
              setting="receipts"
              label="Email me a receipt when I collect an order"
              description={confirmed ? "Items, tax, discounts, tip, total and how you paid (for crypto: chain, token, amount and transaction)." : "Receipts go to confirmed addresses only: confirm your email above to get them."}
              initial={mail.receipts}
              savedOn="Saved: we will email you a receipt for each order you collect."
              savedOff="Saved: we will not email you receipts."
            />
            {/* What the notifier mails staff (lib/agents/notifier/notifications.ts, mailReader): managers their shops' alerts, baristas their tasks and tastings. */}
            {manages ? (
              <MailSetting
                setting="alerts"
                label="Email me my shops' warnings and critical alerts"
                description="Stock running out, purchase orders to approve, a rush beyond the forecast, and your overdue tasks. The bell shows them either way."
                initial={mail.alerts}
                savedOn="Saved: we will email you your shops' warnings and critical alerts."
                savedOff="Saved: we will not email you alerts; the bell still shows them."
              />
            ) : user.shops.length > 0 ? (
              <MailSetting
                setting="alerts"
                label="Email me my overdue tasks and tasting reminders"
                description="The bell on the queue screen shows them either way."
                initial={mail.alerts}
                savedOn="Saved: we will email you your overdue tasks and tasting reminders."
                savedOff="Saved: we will not email you tasks or tastings; the bell still shows them."
              />
            ) : null}
          </div>
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
        <TelegramLink chats={chats.map((c) => ({ chatId: c.chatId, linkedAt: c.linkedAt.toISOString(), blockedAt: c.blockedAt?.toISOString() ?? null }))} staff={manages ? "manager" : user.shops.some((s) => s.role === "BARISTA") ? "barista" : null} />
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
