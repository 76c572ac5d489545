import type { Metadata } from "next";
import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { findInvite } from "@/lib/shops/invites";
import { buttonClasses } from "@/components/ui/button";
import { AcceptInviteButton } from "./accept-invite-button";

export const metadata: Metadata = { title: "Staff invitation", robots: { index: false } };

const ROLE = { BARISTA: "a barista", MANAGER: "a manager", ADMIN: "an admin", CUSTOMER: "a customer" } as const;

/** /invites/:token — the link in an invitation mail: sign in (or sign up) with the invited address, then accept. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, user] = await Promise.all([findInvite(db(), token), getSessionUser()]);
  const here = `/invites/${token}`;

  if (!invite) {
    return (
      <div className="grid gap-3">
        <h1 className="text-2xl font-bold tracking-tight">This invitation is no longer valid</h1>
        <p className="text-espresso/70">The link has expired or was already used. Ask the shop&apos;s manager to invite you again.</p>
      </div>
    );
  }

  return (
    <div className="grid max-w-md gap-5">
      <h1 className="text-2xl font-bold tracking-tight">Join {invite.shop.name}</h1>
      <p className="text-espresso/80">
        You are invited to work at <strong>{invite.shop.name}</strong> as {ROLE[invite.role]}. The invitation is for <strong>{invite.email}</strong>.
      </p>
      {!user ? (
        <div className="flex flex-wrap gap-3">
          <Link href={`/sign-up?${new URLSearchParams({ callbackUrl: here, email: invite.email })}`} className={buttonClasses({})}>
            Create an account
          </Link>
          <Link href={`/sign-in?${new URLSearchParams({ callbackUrl: here })}`} className={buttonClasses({ variant: "ghost" })}>
            Sign in
          </Link>
        </div>
      ) : user.email.toLowerCase() !== invite.email ? (
        <p role="alert" className="rounded-xl bg-amber-50 px-3.5 py-2.5 text-sm text-amber-900 ring-1 ring-amber-700/20">
          You are signed in as {user.email || user.name}. Sign out, then sign in or create an account with {invite.email} to accept.
        </p>
      ) : (
        <AcceptInviteButton token={token} shopName={invite.shop.name} />
      )}
    </div>
  );
}
